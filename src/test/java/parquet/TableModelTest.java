package parquet;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Table schemas, partitions and rows as values. */
class TableModelTest {

    /** §13.4, column order and types as documented (§15 conflicts resolved). */
    static final Map<String, String> SPEC = Map.ofEntries(
            Map.entry("cluster_info", "cluster_id:S cluster_version:S platform:S collected_at:T desired_version:S "
                    + "initial_version:S network_type:S channel:S network_mtu:I32 network_kind:S network_size:S "
                    + "network_host_prefix:I32 archive_path:S"),
            Map.entry("rule_hits", "cluster_id:S rule_id:S collected_at:T archive_path:S"),
            Map.entry("cluster_thanos_info", "cluster_id:S ebs_account:S email_domain:S managed:B support:S collected_at:T"),
            Map.entry("failing_operator_conditions", "cluster_id:S operator:S condition_type:S condition_status:B reason:S "
                    + "raw_message:S archive_path:S last_transition_time:T collected_at:T"),
            Map.entry("alerts", "cluster_id:S name:S state:S severity:S namespace:S job:S labels:S archive_path:S"),
            Map.entry("gatherers_info", "cluster_id:S name:S duration_in_ms:I32 archive_path:S collected_at:T"),
            Map.entry("workload_containers", "cluster_id:S shape_id:S namespace:S shape_instances:I64 restart_always:B "
                    + "image_id:S first_command:S first_arg:S init_container:B archive_path:S collected_at:T"),
            Map.entry("workload_image_layers", "cluster_id:S image_id:S layer_image_id:S layer_image_level:I64 "
                    + "first_command:S first_arg:S archive_path:S collected_at:T"),
            Map.entry("available_updates", "cluster_id:S current_version:S release:S collected_at:T archive_path:S"),
            Map.entry("conditional_update_conditions", "cluster_id:S current_version:S release:S recommended:S reason:S "
                    + "message:S collected_at:T archive_path:S"),
            Map.entry("conditional_update_risks", "cluster_id:S current_version:S release:S risk:S collected_at:T archive_path:S"),
            Map.entry("archives", "cluster_id:S collected_at:T archive_path:S"));

    @Test
    void twelveTablesWithTheSpecsColumns() {
        Map<String, String> actual = Arrays.stream(ParquetTable.values()).collect(toMap(ParquetTable::tableName,
                t -> String.join(" ", t.columns().stream().map(c -> c.name() + ":" + code(c.type())).toList())));
        assertThat(actual).isEqualTo(SPEC);
    }

    private static String code(ColumnType type) {
        return switch (type) {
            case STRING -> "S";
            case TIMESTAMP -> "T";
            case BOOLEAN -> "B";
            case INT32 -> "I32";
            case INT64 -> "I64";
        };
    }

    @Test
    void avroSchemasHaveOnlyRequiredFields() {
        for (ParquetTable table : ParquetTable.values()) {
            assertThat(table.schema().getName()).isEqualTo(table.tableName());
            for (Schema.Field field : table.schema().getFields()) {
                assertThat(field.schema().getType()).as(table + "." + field.name()).isNotEqualTo(Schema.Type.UNION);
            }
        }
        assertThat(ParquetTable.RULE_HITS.schema().getField("collected_at").schema().getLogicalType().getName())
                .isEqualTo("timestamp-millis");
    }

    @Test
    void partitionKeysAndObjectKeys() {
        TablePartition partition = new TablePartition(ParquetTable.CLUSTER_INFO, Instant.parse("2016-02-02T05:59:59.999Z"));
        assertThat(partition.hour()).isEqualTo(Instant.parse("2016-02-02T05:00:00Z"));
        assertThat(partition.correlationKey()).isEqualTo("cluster_info/2016-02-02T05");
        assertThat(TablePartition.parse("cluster_info/2016-02-02T05")).isEqualTo(partition);
        // §13.3's example key.
        assertThat(partition.objectKey(TablePartition.DEFAULT_PREFIX, 0))
                .isEqualTo("fleet_aggregations/cluster_info/hourly/date=2016-02-02/hour=05/cluster_info-0.parquet");
    }

    @Test
    void rowBuilderRefusesUnsetColumnsAndWrongTypes() {
        assertThatThrownBy(() -> ParquetTable.ARCHIVES.row().set("cluster_id", "x").build())
                .hasMessage("archives.collected_at is not set");
        assertThatThrownBy(() -> ParquetTable.ARCHIVES.row().set("collected_at", 5))
                .hasMessage("archives.collected_at holds Long, not Integer");
        assertThatThrownBy(() -> ParquetTable.ARCHIVES.row().set("nope", "x"))
                .hasMessage("archives has no column 'nope'");
    }
}
