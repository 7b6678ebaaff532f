package app;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import pipeline.Stages;

/**
 * Which shape of the pipeline this process is part of, chosen by one property,
 * {@code ccx.topology} (environment variable {@code CCX_TOPOLOGY}); both shapes run the same routes.
 * <ul>
 *   <li>{@code baseline}: the contract's pipeline (§1–§13): topics
 *       {@code ccx-{env}-insights-operator-{channel}} in dev, qa and prod; archive-sync reads
 *       archive-new; rules and features; the factory reads both.</li>
 *   <li>{@code 2024}: the pipeline as it became in 2024 (contract §14): topics {@code {env}-{channel}}
 *       in qa and prod; a multiplexor splits archive-new into io-archive-new (read by archive-sync)
 *       and ols-archive-new (read by archive-sync-ols, into its own bucket); rules results on
 *       {@code insights-rules-results}, uploaded as JSON files by the rules uploader; no features;
 *       the factory reads the rules results only.</li>
 * </ul>
 * The topic pattern and environments are the shape's unless {@code ccx.topic.pattern} /
 * {@code ccx.envs} are set; a stage runs if its switch is on and the shape has it.
 */
public enum Topology {
    BASELINE("baseline", "ccx-{env}-insights-operator-{channel}", "dev,qa,prod", TopicNames.ARCHIVE_NEW, Map.of(),
            Set.of(Stages.SQS_LISTENER, Stages.UPLOAD_LISTENER, Stages.ARCHIVE_SYNC, Stages.RULES, Stages.FEATURES,
                    Stages.PARQUET_FACTORY, Stages.THANOS_POLL)),
    Y2024("2024", "{env}-{channel}", "qa,prod", TopicNames.IO_ARCHIVE_NEW,
            Map.of(TopicNames.RULES_RESULTS, "insights-rules-results"),
            // no upload listener: it syncs straight to Ceph, past the multiplexor (README, "The 2024 shape")
            Set.of(Stages.SQS_LISTENER, Stages.MULTIPLEXOR, Stages.ARCHIVE_SYNC,
                    Stages.ARCHIVE_SYNC_OLS, Stages.RULES, Stages.RULES_UPLOADER, Stages.PARQUET_FACTORY, Stages.THANOS_POLL));

    public static final String PROPERTY = "ccx.topology";

    private final String id;
    private final String topicPattern;
    private final String envs;
    private final String syncInput;
    private final Map<String, String> renamedChannels;
    private final Set<String> stages;

    Topology(String id, String topicPattern, String envs, String syncInput, Map<String, String> renamedChannels, Set<String> stages) {
        this.id = id;
        this.topicPattern = topicPattern;
        this.envs = envs;
        this.syncInput = syncInput;
        this.renamedChannels = renamedChannels;
        this.stages = stages;
    }

    /** {@code baseline} or {@code 2024}; anything else stops the start naming both. */
    public static Topology of(String id) {
        String wanted = id == null || id.isBlank() ? BASELINE.id : id.trim();
        return Arrays.stream(values()).filter(t -> t.id.equalsIgnoreCase(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("property " + PROPERTY + " (environment variable CCX_TOPOLOGY) = '"
                        + id + "': must be baseline or 2024"));
    }

    public String id() {
        return id;
    }

    /** The shape's topic pattern, e.g. {@code {env}-{channel}}. */
    public String topicPattern() {
        return topicPattern;
    }

    /** The shape's environments, comma-separated. */
    public String envs() {
        return envs;
    }

    /** The channel archive-sync consumes: archive-new, or the multiplexor's io-archive-new. */
    public String syncInput() {
        return syncInput;
    }

    /** The channel's name in this shape's topics (the rules results are {@code insights-rules-results} in 2024). */
    public String channelName(String channel) {
        return renamedChannels.getOrDefault(channel, channel);
    }

    /** The logical channel of a name in this shape's topics. */
    public String channelOfName(String name) {
        return renamedChannels.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey)
                .findFirst().orElse(name);
    }

    public boolean has(String stage) {
        return stages.contains(stage);
    }
}
