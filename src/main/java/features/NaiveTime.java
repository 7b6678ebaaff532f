package features;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * TS-NAIVE text ({@code YYYY-MM-DDTHH:MM:SS}, contract §3.6), the form of every DateTime value in
 * feature rows. Source times (Kubernetes and Alertmanager RFC 3339 text) are turned to UTC and cut
 * to whole seconds, because TS-NAIVE has neither zone nor fraction.
 */
public final class NaiveTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);

    private NaiveTime() {
    }

    /** TS-NAIVE text of a UTC time; years outside 1..9999 have no TS-NAIVE form. */
    public static String format(LocalDateTime utc) {
        if (utc.getYear() < 1 || utc.getYear() > 9999) {
            throw new IllegalArgumentException("year out of TS-NAIVE range: " + utc);
        }
        return FORMAT.format(utc.withNano(0));
    }

    public static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).withNano(0);
    }

    /**
     * RFC 3339 text ({@code 2021-07-07T11:02:54Z}, fractions and offsets allowed; text without a
     * zone is read as UTC) as TS-NAIVE; empty when absent, unparseable or outside years 1..9999.
     */
    public static Optional<String> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        LocalDateTime utc;
        try {
            utc = LocalDateTime.ofInstant(OffsetDateTime.parse(text.trim()).toInstant(), ZoneOffset.UTC);
        } catch (DateTimeParseException withZone) {
            try {
                utc = LocalDateTime.parse(text.trim());
            } catch (DateTimeParseException withoutZone) {
                return Optional.empty();
            }
        }
        if (utc.getYear() < 1 || utc.getYear() > 9999) {
            return Optional.empty();
        }
        return Optional.of(format(utc));
    }
}
