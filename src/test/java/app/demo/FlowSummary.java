package app.demo;

import app.TopicNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's account of the archives' way through the pipeline, with the same keys in both shapes
 * (a channel, bucket or stage the shape lacks counts 0): the archives uploaded by kind, the
 * messages per environment and channel, the copies and rules JSON files in the buckets, the rules
 * uploader's outcomes, and every record refused on the way (dead-lettered, or breaking its
 * contract). Printed and written to {@code summary.json} with the {@link TableSummary}.
 *
 * @param archives      {@code uploaded}, and per kind as the multiplexor's classifier tells them
 *                      ({@code openshift}, {@code ols}, {@code neither})
 * @param channels      environment → channel ({@link #CHANNELS}) → messages on its topic
 * @param copies        {@code archives} (Ceph bucket, {@code archives/compressed/}), {@code ols_archives}
 *                      (the OLS bucket), {@code rules_json} (Ceph bucket, {@code insights/…/insights.json})
 * @param rulesUploads  the rules uploader's {@code ccx.rules.uploads} by result
 * @param deadLetteredByRoute route → records dead-lettered by it
 * @param deadLetteredByReason reason → records
 * @param invalid       {@code messages} (topic messages breaking their contract), {@code rules_json}
 *                      (uploaded files breaking the rules-results contract)
 */
record FlowSummary(String topology, boolean settled, Map<String, Integer> archives,
                   Map<String, Map<String, Integer>> channels, Map<String, Integer> copies,
                   Map<String, Long> rulesUploads, Map<String, Integer> deadLetteredByRoute,
                   Map<String, Integer> deadLetteredByReason, Map<String, Integer> invalid) {

    /**
     * The channels of both shapes in flow order, by the summary's name for them (the rules results'
     * topic is {@code …-archive-rules-results} in the baseline, {@code …-insights-rules-results} in 2024).
     */
    static final Map<String, String> CHANNELS = channelNames();

    private static Map<String, String> channelNames() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("archive-new", TopicNames.ARCHIVE_NEW);
        names.put("io-archive-new", TopicNames.IO_ARCHIVE_NEW);
        names.put("ols-archive-new", TopicNames.OLS_ARCHIVE_NEW);
        names.put("archive-synced", TopicNames.ARCHIVE_SYNCED);
        names.put("rules-results", TopicNames.RULES_RESULTS);
        names.put("features", TopicNames.FEATURES);
        return java.util.Collections.unmodifiableMap(names);
    }
    static final List<String> UPLOAD_RESULTS = List.of("written", "already-present", "replaced");

    /** Archives uploaded, per kind. */
    static Map<String, Integer> archives(List<DemoArchive> uploaded) {
        Map<String, Integer> out = new LinkedHashMap<>();
        out.put("uploaded", uploaded.size());
        for (String kind : List.of(DemoArchive.OPENSHIFT, DemoArchive.OLS, DemoArchive.NEITHER)) {
            out.put(kind, (int) uploaded.stream().filter(a -> a.kind().equals(kind)).count());
        }
        return out;
    }

    /** Messages per environment and logical channel, from the counts per topic. */
    static Map<String, Map<String, Integer>> channels(TopicNames names, Map<String, Integer> topics) {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        for (String env : names.envs()) {
            Map<String, Integer> perChannel = new LinkedHashMap<>();
            CHANNELS.forEach((name, channel) -> perChannel.put(name, topics.getOrDefault(names.topic(env, channel), 0)));
            out.put(env, perChannel);
        }
        return out;
    }

    /** The rules uploader's outcomes as its counters stand (read before the pipeline stops). */
    static Map<String, Long> rulesUploads(MeterRegistry meters) {
        Map<String, Long> out = new LinkedHashMap<>();
        UPLOAD_RESULTS.forEach(r -> out.put(r, 0L));
        if (meters != null) {
            for (Counter c : meters.find("ccx.rules.uploads").counters()) {
                out.merge(c.getId().getTag("result"), (long) c.count(), Long::sum);
            }
        }
        return out;
    }

    static Map<String, Integer> countBy(List<OutputDump.DeadLettered> records, java.util.function.Function<OutputDump.DeadLettered, String> key) {
        Map<String, Integer> out = new TreeMap<>();
        records.forEach(r -> out.merge(key.apply(r), 1, Integer::sum));
        return out;
    }

    int deadLettered() {
        return deadLetteredByRoute.values().stream().mapToInt(Integer::intValue).sum();
    }

    int invalidTotal() {
        return invalid.values().stream().mapToInt(Integer::intValue).sum();
    }

    void print() {
        Demo.say("shape %s%s", topology, settled ? "" : " (NOT SETTLED: the pipeline was still busy at the timeout)");
        Demo.say("archives: %d uploaded (%d OpenShift, %d OpenShift Lightspeed, %d of neither kind)", archives.get("uploaded"),
                archives.get(DemoArchive.OPENSHIFT), archives.get(DemoArchive.OLS), archives.get(DemoArchive.NEITHER));
        Demo.say("messages per environment and channel:");
        channels.forEach((env, perChannel) -> {
            StringBuilder line = new StringBuilder();
            perChannel.forEach((channel, n) -> line.append(line.isEmpty() ? "" : ", ").append(channel).append(' ').append(n));
            Demo.say("  %-6s %s", env, line);
        });
        Demo.say("copies: %d archive(s) in the Ceph bucket, %d in the OLS bucket, %d rules JSON file(s)",
                copies.get("archives"), copies.get("ols_archives"), copies.get("rules_json"));
        Demo.say("rules uploads: %d written, %d already present, %d replaced", rulesUploads.get("written"),
                rulesUploads.get("already-present"), rulesUploads.get("replaced"));
        Demo.say("dead-lettered: %d%s", deadLettered(), deadLetteredByRoute.isEmpty() ? "" : " by route " + deadLetteredByRoute);
        deadLetteredByReason.forEach((reason, n) -> Demo.say("  %3d x %s", n, reason));
        Demo.say("breaking their contract: %d message(s), %d rules JSON file(s)", invalid.get("messages"), invalid.get("rules_json"));
    }

    Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("topology", topology);
        out.put("settled", settled);
        out.put("archives", archives);
        out.put("channels", channels);
        out.put("copies", copies);
        out.put("rules_uploads", rulesUploads);
        Map<String, Object> dead = new LinkedHashMap<>();
        dead.put("count", deadLettered());
        dead.put("by_route", deadLetteredByRoute);
        dead.put("by_reason", deadLetteredByReason);
        out.put("dead_lettered", dead);
        out.put("invalid", invalid);
        return out;
    }
}
