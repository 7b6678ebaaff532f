package config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The Parquet factory, from {@code ccx.parquet.*} (its S3 bucket is an {@link S3Connection}).
 *
 * @param stateDir   the spills and written sources (a persistent volume)
 * @param fsync      rows forced to disk before their offsets are committed
 * @param grace      an hour is complete this long after its end
 * @param lateRows   rows of a complete hour are written this long after the last of them
 * @param retention  written sources are remembered this long
 * @param rerunHours hours to write again at start, as given (e.g. {@code 2021-01-20T03,2021-01-20T04})
 * @param env        the environment whose rules-results and features are aggregated
 * @param writerThreads   hours written in parallel
 * @param completionCheck how often the aggregator looks for hours whose time is up
 */
public record ParquetSettings(String prefix, long rowGroupBytes, Path stateDir, boolean fsync, Duration recoveryInterval,
                              Duration grace, Duration lateRows, Duration retention, String rerunHours,
                              String env, int writerThreads, Duration completionCheck) {
    public static ParquetSettings read(CcxProperties properties) {
        return new ParquetSettings(properties.text("ccx.parquet.prefix"), properties.number("ccx.parquet.row-group-bytes"),
                Path.of(properties.text("ccx.parquet.state-dir")), properties.flag("ccx.parquet.fsync"),
                properties.millis("ccx.parquet.recovery-interval-ms"), properties.millis("ccx.parquet.grace-ms"),
                properties.millis("ccx.parquet.late-rows-ms"), Duration.ofHours(properties.number("ccx.parquet.retention-hours")),
                properties.text("ccx.parquet.rerun-hours"), properties.text("ccx.parquet.env"),
                properties.integer("ccx.parquet.writer-threads"), properties.millis("ccx.parquet.completion-check-ms"));
    }
}
