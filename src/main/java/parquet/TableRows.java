package parquet;

import model.FeaturesMessage;
import model.FeaturesMessage.FeatureResult;
import model.RulesReport.ReportHit;
import model.RulesResults;
import thanos.ThanosRow;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The single entry point from input messages to table rows (pure functions: same input, same
 * rows). Each returns {@link MappedRows}: table → rows, each row with its hour, plus the rows that
 * could not be written and why.
 * <table>
 *   <tr><th>input</th><th>tables</th></tr>
 *   <tr><td>{@link #fromRules rules-results}</td><td>{@code rule_hits} (one row per
 *       {@code report.reports} element), {@code archives} (one row per message)</td></tr>
 *   <tr><td>{@link #fromFeatures features}</td><td>{@code cluster_info}, {@code failing_operator_conditions},
 *       {@code alerts}, {@code gatherers_info}, {@code workload_containers},
 *       {@code workload_image_layers}, {@code available_updates}, {@code conditional_update_conditions},
 *       {@code conditional_update_risks}</td></tr>
 *   <tr><td>{@link #fromThanos Thanos}</td><td>{@code cluster_thanos_info}</td></tr>
 * </table>
 * <b>{@code archives} rows come from rules-results messages only</b>, so an archive gives exactly
 * one row whichever messages arrive: every analysed archive has exactly one rules-results message
 * (even with no hit), and rules-results is the input Parquet Factory kept after 2024 (§14); the
 * features stage may be off. Redelivered messages are the aggregator's to drop (same archive path).
 * <p>
 * Values are data ({@link ValueChecks}): a platform outside §13.4's list or a version that is not
 * {@code N.N.N...} is written as it is. Rows with a value their column cannot hold are listed in
 * {@link MappedRows#rejected()} (table, archive path, column and reason) for the caller to log
 * and count. A message whose {@code path} is not a Ceph path, or whose cluster differs from the
 * path's, is bad input ({@link errors.BadInputException}).
 * Features this factory has no table for (e.g. the spec examples' {@code feature_name}) are ignored.
 */
public final class TableRows {

    private static final Map<String, FeatureMapper> FEATURE_MAPPERS = Stream.of(
                    new ClusterInfoRows(), new OperatorConditionRows(), new AlertRows(), new GathererRows(),
                    new WorkloadContainerRows(), new ImageLayerRows(), new UpdateRows())
            .collect(Collectors.toUnmodifiableMap(FeatureMapper::featureId, Function.identity()));

    private TableRows() {
    }

    /** The feature ids that feed a table. */
    public static List<String> featureIds() {
        return FEATURE_MAPPERS.keySet().stream().sorted().toList();
    }

    /** {@code rule_hits} and {@code archives} rows of one rules-results message. */
    public static MappedRows fromRules(RulesResults message) {
        MappedRows.Builder out = MappedRows.builder();
        ArchiveSource source = source(message.path(), message.metadata());
        List<ReportHit> hits = message.report() == null || message.report().reports() == null
                ? List.of() : message.report().reports();
        for (ReportHit hit : hits) {
            out.add(ParquetTable.RULE_HITS, source.hour(), source.archivePath(), () -> ParquetTable.RULE_HITS.row()
                    .set("cluster_id", source.clusterId())
                    .set("rule_id", ValueChecks.ruleId("rule_id", hit.ruleId()))
                    .set("collected_at", source.collectedAtMillis())
                    .set("archive_path", source.archivePath())
                    .build());
        }
        out.add(ParquetTable.ARCHIVES, source.hour(), source.archivePath(), () -> ParquetTable.ARCHIVES.row()
                .set("cluster_id", source.clusterId())
                .set("collected_at", source.collectedAtMillis())
                .set("archive_path", source.archivePath())
                .build());
        return out.build();
    }

    /** The feature tables' rows of one features message. */
    public static MappedRows fromFeatures(FeaturesMessage message) {
        MappedRows.Builder out = MappedRows.builder();
        ArchiveSource source = source(message.path(), message.metadata());
        for (FeatureResult result : message.report() == null ? List.<FeatureResult>of() : message.report()) {
            FeatureMapper mapper = result.metadata() == null ? null : FEATURE_MAPPERS.get(result.metadata().featureId());
            if (mapper == null || result.data() == null) {
                continue;
            }
            for (Map<String, Object> row : result.data()) {
                try {
                    mapper.map(row == null ? Map.of() : row, source, out);
                } catch (RejectedValueException e) {
                    out.reject(mapper.table(), source.archivePath(), e);
                }
            }
        }
        return out.build();
    }

    /**
     * The message's archive. A message whose path is not a Ceph path, or whose cluster is not the
     * path's, has no rows at all: it is bad input (the contract check refuses it before this).
     */
    private static ArchiveSource source(String path, model.ArchiveMetadata metadata) {
        try {
            return ArchiveSource.of(path, metadata);
        } catch (RejectedValueException e) {
            throw new errors.BadInputException("no Parquet rows from " + path + ": " + e.getMessage());
        }
    }

    /**
     * {@code cluster_thanos_info} rows: one per {@link ThanosRow}, {@code collected_at} ← its
     * window time (to the millisecond), the hour ← that time truncated to the hour.
     */
    public static MappedRows fromThanos(List<ThanosRow> rows) {
        MappedRows.Builder out = MappedRows.builder();
        ParquetTable table = ParquetTable.CLUSTER_THANOS_INFO;
        for (ThanosRow row : rows) {
            if (row.collectedAt() == null) {
                out.reject(table, "thanos " + row.clusterId(), ValueChecks.reject("collected_at", "missing", null));
                continue;
            }
            Instant collectedAt = row.collectedAt().truncatedTo(ChronoUnit.MILLIS);
            out.add(table, collectedAt, "thanos " + row.clusterId() + " " + collectedAt, () -> table.row()
                    .set("cluster_id", ValueChecks.uuid("cluster_id", row.clusterId()))
                    .set("ebs_account", ValueChecks.text(row.ebsAccount()))
                    .set("email_domain", ValueChecks.text(row.emailDomain()))
                    .set("managed", row.managed())
                    .set("support", ValueChecks.text(row.support()))
                    .set("collected_at", collectedAt.toEpochMilli())
                    .build());
        }
        return out.build();
    }
}
