package parquet;

import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static parquet.Column.bool;
import static parquet.Column.int32;
import static parquet.Column.int64;
import static parquet.Column.string;
import static parquet.Column.timestamp;

/**
 * The twelve Parquet tables of contract §13.4, each with its columns in the spec's order and the
 * Avro schema parquet-avro writes them with. Every column is required (no Avro union with null):
 * the validator (contract §13.4) requires every column in every row, and the row
 * mappers reject rows that cannot fill one.
 * <p>
 * Following §15: {@code cluster_info} has {@code cluster_version} (not the doc list's
 * {@code current_version}); the update tables keep {@code current_version}, as in the doc and
 * the validator; {@code conditional_update_conditions} has the documented {@code release} and
 * {@code message} columns the validator forgot. {@code alerts} has no {@code collected_at}.
 */
public enum ParquetTable {
    CLUSTER_INFO(string("cluster_id"), string("cluster_version"), string("platform"), timestamp("collected_at"),
            string("desired_version"), string("initial_version"), string("network_type"), string("channel"),
            int32("network_mtu"), string("network_kind"), string("network_size"), int32("network_host_prefix"),
            string("archive_path")),
    RULE_HITS(string("cluster_id"), string("rule_id"), timestamp("collected_at"), string("archive_path")),
    CLUSTER_THANOS_INFO(string("cluster_id"), string("ebs_account"), string("email_domain"), bool("managed"),
            string("support"), timestamp("collected_at")),
    FAILING_OPERATOR_CONDITIONS(string("cluster_id"), string("operator"), string("condition_type"),
            bool("condition_status"), string("reason"), string("raw_message"), string("archive_path"),
            timestamp("last_transition_time"), timestamp("collected_at")),
    ALERTS(string("cluster_id"), string("name"), string("state"), string("severity"), string("namespace"),
            string("job"), string("labels"), string("archive_path")),
    GATHERERS_INFO(string("cluster_id"), string("name"), int32("duration_in_ms"), string("archive_path"),
            timestamp("collected_at")),
    WORKLOAD_CONTAINERS(string("cluster_id"), string("shape_id"), string("namespace"), int64("shape_instances"),
            bool("restart_always"), string("image_id"), string("first_command"), string("first_arg"),
            bool("init_container"), string("archive_path"), timestamp("collected_at")),
    WORKLOAD_IMAGE_LAYERS(string("cluster_id"), string("image_id"), string("layer_image_id"),
            int64("layer_image_level"), string("first_command"), string("first_arg"), string("archive_path"),
            timestamp("collected_at")),
    AVAILABLE_UPDATES(string("cluster_id"), string("current_version"), string("release"), timestamp("collected_at"),
            string("archive_path")),
    CONDITIONAL_UPDATE_CONDITIONS(string("cluster_id"), string("current_version"), string("release"),
            string("recommended"), string("reason"), string("message"), timestamp("collected_at"),
            string("archive_path")),
    CONDITIONAL_UPDATE_RISKS(string("cluster_id"), string("current_version"), string("release"), string("risk"),
            timestamp("collected_at"), string("archive_path")),
    ARCHIVES(string("cluster_id"), timestamp("collected_at"), string("archive_path"));

    private final String tableName;
    private final List<Column> columns;
    private final Schema schema;
    private final Class<?>[] javaTypes;

    ParquetTable(Column... columns) {
        this.tableName = name().toLowerCase(Locale.ROOT);
        this.columns = List.of(columns);
        List<Schema.Field> fields = new ArrayList<>();
        for (Column column : columns) {
            fields.add(new Schema.Field(column.name(), column.type().avro(), null, (Object) null));
        }
        // No Avro namespace: the record name is the Parquet message name, "message rule_hits".
        this.schema = Schema.createRecord(tableName, null, null, false, fields);
        this.javaTypes = this.columns.stream().map(c -> c.type().javaType()).toArray(Class<?>[]::new);
    }

    /** The Java class of column {@code position}'s values. */
    Class<?> javaType(int position) {
        return javaTypes[position];
    }

    /** The table name of §13.4, also the S3 folder and file name stem: {@code rule_hits}. */
    public String tableName() {
        return tableName;
    }

    public List<Column> columns() {
        return columns;
    }

    /** The Avro record schema, one required field per column, in column order. */
    public Schema schema() {
        return schema;
    }

    /** Whether the table has that column ({@code alerts} has no {@code collected_at}, per §13.4). */
    public boolean hasColumn(String name) {
        return schema.getField(name) != null;
    }

    /** A builder for one row of this table. */
    public RowBuilder row() {
        return new RowBuilder(this);
    }

    public static ParquetTable byName(String tableName) {
        for (ParquetTable table : values()) {
            if (table.tableName.equals(tableName)) {
                return table;
            }
        }
        throw new IllegalArgumentException("no Parquet table '" + tableName + "'");
    }

    @Override
    public String toString() {
        return tableName;
    }
}
