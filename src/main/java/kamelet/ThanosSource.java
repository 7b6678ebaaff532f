package kamelet;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import thanos.HourResult;
import thanos.ThanosConfig;
import thanos.ThanosHourlyPoll;
import thanos.ThanosPollSettings;

/**
 * The bean of the {@code ccx-thanos-query-source} Kamelet: {@link #poll()} queries Thanos for
 * every settled hour the ledger does not hold yet; the Kamelet sends each hour to its sink and
 * then calls {@link #markDone}, so an hour is emitted again only if the sink did not take it.
 * Every setting is a Kamelet property; the client and the ledger are opened on the first poll.
 */
public final class ThanosSource extends KameletStep {
    private String thanosUrl;
    private String tokenFile = "";
    private String truststore = "";
    private String truststorePassword = "";
    private boolean insecureSkipTlsVerify;
    private int idChunkSize = ThanosConfig.DEFAULT_ID_CHUNK_SIZE;
    private String ledgerFile;
    private int backfillHours = 24;
    private long settleDelayMs = 300_000;
    private int maxHoursPerPoll = 6;
    private Clock clock = Clock.systemUTC();

    private ThanosHourlyPoll poll;

    /** The pending hours (at most maxHoursPerPoll, oldest first) with their rows. */
    public List<HourResult> poll() {
        return hourlyPoll().poll();
    }

    /** The sink has taken the hour: record it in the ledger (persisted before returning). */
    public void markDone(Instant hourStart) {
        hourlyPoll().markDone(hourStart);
    }

    public boolean isDone(Instant hourStart) {
        return hourlyPoll().ledger().isDone(hourStart);
    }

    synchronized ThanosHourlyPoll hourlyPoll() {
        if (poll == null) {
            ThanosPollSettings settings = new ThanosPollSettings(Path.of(KameletProperties.required("ledgerFile", ledgerFile)),
                    backfillHours, Duration.ofMillis(settleDelayMs), maxHoursPerPoll);
            if (getCamelContext() == null) {
                throw new IllegalStateException("the Thanos source queries through camel-http: it needs its CamelContext");
            }
            // One http endpoint per source (a context may run several Kamelet instances).
            var client = new thanos.ThanosClient(config(), getCamelContext(),
                    "thanos-query-" + Integer.toHexString(System.identityHashCode(this)));
            poll = ThanosHourlyPoll.create(client, settings, clock);
        }
        return poll;
    }

    ThanosConfig config() {
        return ThanosConfig.of(URI.create(KameletProperties.required("thanosUrl", thanosUrl)), KameletProperties.text(tokenFile),
                KameletProperties.text(truststore), KameletProperties.text(truststorePassword), insecureSkipTlsVerify, idChunkSize);
    }

    /** Tests pin the time. */
    void setClock(Clock clock) {
        this.clock = clock;
    }

    public void setThanosUrl(String thanosUrl) {
        this.thanosUrl = thanosUrl;
    }

    public void setTokenFile(String tokenFile) {
        this.tokenFile = tokenFile;
    }

    public void setTruststore(String truststore) {
        this.truststore = truststore;
    }

    public void setTruststorePassword(String truststorePassword) {
        this.truststorePassword = truststorePassword;
    }

    public void setInsecureSkipTlsVerify(boolean insecureSkipTlsVerify) {
        this.insecureSkipTlsVerify = insecureSkipTlsVerify;
    }

    public void setIdChunkSize(int idChunkSize) {
        this.idChunkSize = idChunkSize;
    }

    public void setLedgerFile(String ledgerFile) {
        this.ledgerFile = ledgerFile;
    }

    public void setBackfillHours(int backfillHours) {
        this.backfillHours = backfillHours;
    }

    public void setSettleDelayMs(long settleDelayMs) {
        this.settleDelayMs = settleDelayMs;
    }

    public void setMaxHoursPerPoll(int maxHoursPerPoll) {
        this.maxHoursPerPoll = maxHoursPerPoll;
    }
}
