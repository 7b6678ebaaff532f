package rules.ocp;

import com.fasterxml.jackson.databind.JsonNode;
import rules.Requirements;
import rules.RuleContext;
import rules.RuleResult;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The running minor version was past its end of maintenance support when the archive was collected,
 * or the update channel cannot deliver updates for it.
 * <p>
 * The support table is data, below: end of maintenance support of each OpenShift 4 minor release,
 * from Red Hat's "OpenShift Container Platform Life Cycle Policy"
 * (https://access.redhat.com/support/policy/updates/openshift). Extended Update Support (an add-on
 * for even minors from 4.12) counts only when the cluster follows an {@code eus-4.y} channel. Minors
 * newer than the table are assumed supported; update the table with each release.
 * <p>
 * Channel problems: no channel (the cluster gets no update recommendations), a channel that is not
 * {@code stable|fast|candidate|eus-<major>.<minor>}, a channel for an older minor than the one
 * running, or a channel that the running release is not part of ({@code status.desired.channels}).
 */
public final class VersionSupportRule extends OcpRule {

    static final String END_OF_LIFE = "OCP_VERSION_END_OF_LIFE";
    static final String CHANNEL = "UPDATE_CHANNEL_INVALID";
    static final String LIFECYCLE_LINK = "https://access.redhat.com/support/policy/updates/openshift";

    /** One minor release: general availability, end of maintenance support, end of EUS (null: none). */
    record Lifecycle(OcpVersion version, LocalDate ga, LocalDate maintenanceEnds, LocalDate eusEnds) {
    }

    static final List<Lifecycle> LIFECYCLE = List.of(
            lifecycle("4.1", "2019-06-04", "2020-05-05", null),
            lifecycle("4.2", "2019-10-16", "2020-07-13", null),
            lifecycle("4.3", "2020-01-23", "2020-10-27", null),
            lifecycle("4.4", "2020-05-05", "2021-02-24", null),
            lifecycle("4.5", "2020-07-13", "2021-07-27", null),
            lifecycle("4.6", "2020-10-27", "2022-10-27", null),
            lifecycle("4.7", "2021-02-24", "2022-08-24", null),
            lifecycle("4.8", "2021-07-27", "2023-01-27", null),
            lifecycle("4.9", "2021-10-18", "2023-04-18", null),
            lifecycle("4.10", "2022-03-10", "2023-09-10", null),
            lifecycle("4.11", "2022-08-10", "2024-02-10", null),
            lifecycle("4.12", "2023-01-17", "2024-07-17", "2025-01-17"),
            lifecycle("4.13", "2023-05-17", "2024-11-17", null),
            lifecycle("4.14", "2023-10-31", "2025-05-01", "2025-10-31"),
            lifecycle("4.15", "2024-02-27", "2025-08-27", null),
            lifecycle("4.16", "2024-06-27", "2025-12-27", "2026-06-27"),
            lifecycle("4.17", "2024-10-01", "2026-04-01", null),
            lifecycle("4.18", "2025-02-25", "2026-08-25", "2027-02-25"),
            lifecycle("4.19", "2025-06-17", "2026-12-17", null),
            lifecycle("4.20", "2025-10-21", "2027-04-21", "2027-10-21"));

    private static final Pattern CHANNEL_NAME = Pattern.compile("(stable|fast|candidate|eus)-(\\d+\\.\\d+)");
    private static final Set<String> KNOWN_PREFIXES = Set.of("stable", "fast", "candidate", "eus");

    public VersionSupportRule() {
        super("ocp_version_support", List.of(END_OF_LIFE, CHANNEL),
                Requirements.builder().resource(ClusterVersionStatusRule.VERSION).build());
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        JsonNode version = context.resource(ClusterVersionStatusRule.VERSION).orElseThrow();
        String current = ClusterVersionStatusRule.currentVersion(version);
        String channel = Resources.text(version.path("spec").path("channel"));
        LocalDate collected = LocalDate.ofInstant(context.collectedAt(), ZoneOffset.UTC);
        List<RuleResult.Hit> hits = new ArrayList<>();
        Optional<OcpVersion> minor = OcpVersion.parse(current);
        minor.flatMap(VersionSupportRule::lifecycle).ifPresent(lifecycle -> {
            boolean eus = channel != null && channel.startsWith("eus-") && lifecycle.eusEnds() != null;
            LocalDate supportEnds = eus ? lifecycle.eusEnds() : lifecycle.maintenanceEnds();
            if (collected.isAfter(supportEnds)) {
                hits.add(new RuleResult.Hit(END_OF_LIFE, Details.map(
                        "current", current,
                        "support_ended", supportEnds.toString(),
                        "support_phase", eus ? "Extended Update Support" : "Maintenance Support",
                        "collected", collected.toString(),
                        "link", LIFECYCLE_LINK)));
            }
        });
        if (minor.isPresent() && minor.get().compareTo(LIFECYCLE.get(0).version()) < 0) {
            hits.add(new RuleResult.Hit(END_OF_LIFE, Details.map("current", current, "link", LIFECYCLE_LINK)));
        }
        channelProblem(version, channel, minor).ifPresent(problem -> hits.add(new RuleResult.Hit(CHANNEL,
                Details.map("current", current, "channel", channel, "problem", problem))));
        return hits.isEmpty() ? RuleResult.pass(Details.map("current", current, "channel", channel)) : RuleResult.hits(hits);
    }

    static Optional<Lifecycle> lifecycle(OcpVersion version) {
        return LIFECYCLE.stream().filter(l -> l.version().equals(version)).findFirst();
    }

    private static Optional<String> channelProblem(JsonNode version, String channel, Optional<OcpVersion> running) {
        if (channel == null) {
            return Optional.of("no update channel is set: the cluster gets no update recommendations");
        }
        Matcher m = CHANNEL_NAME.matcher(channel);
        if (!m.matches()) {
            String prefix = channel.contains("-") ? channel.substring(0, channel.indexOf('-')) : channel;
            return Optional.of(KNOWN_PREFIXES.contains(prefix)
                    ? "channel '" + channel + "' does not name a minor version"
                    : "unknown channel '" + channel + "': Red Hat publishes stable, fast, candidate and eus channels");
        }
        Optional<OcpVersion> channelMinor = OcpVersion.parse(m.group(2));
        if (running.isPresent() && channelMinor.isPresent() && channelMinor.get().compareTo(running.get()) < 0) {
            return Optional.of("channel '" + channel + "' is for an older minor than the running " + running.get());
        }
        List<String> releaseChannels = Resources.texts(version.path("status").path("desired").path("channels"));
        if (!releaseChannels.isEmpty() && !releaseChannels.contains(channel)) {
            return Optional.of("the running release is not in channel '" + channel + "' (it is in "
                    + String.join(", ", releaseChannels) + ")");
        }
        return Optional.empty();
    }

    private static Lifecycle lifecycle(String version, String ga, String maintenanceEnds, String eusEnds) {
        return new Lifecycle(OcpVersion.parse(version).orElseThrow(), LocalDate.parse(ga),
                LocalDate.parse(maintenanceEnds), eusEnds == null ? null : LocalDate.parse(eusEnds));
    }
}
