package parquet;

import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Write every table, read it back with parquet-avro, and check the file footer's types. */
class ParquetFileWriterTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ParquetTable.class)
    void rowsReadBackEqualAndTypedAsTheSpecSays(ParquetTable table) throws IOException {
        List<GenericRecord> rows = TableSamples.records(table);
        Path file = dir.resolve(table + ".parquet");

        long written = new ParquetFileWriter().write(table, rows.iterator(), file);

        assertThat(written).isEqualTo(rows.size());
        assertThat(ParquetFiles.read(file).stream().map(Messages::values).toList())
                .isEqualTo(rows.stream().map(Messages::values).toList());

        ParquetMetadata footer = ParquetFiles.footer(file);
        MessageType schema = footer.getFileMetaData().getSchema();
        assertThat(schema.getName()).isEqualTo(table.tableName());
        assertThat(schema.getFields()).extracting(Type::getName)
                .containsExactlyElementsOf(table.columns().stream().map(Column::name).toList());
        for (Column column : table.columns()) {
            PrimitiveType type = schema.getType(column.name()).asPrimitiveType();
            assertThat(type.getRepetition()).as(column.name()).isEqualTo(Type.Repetition.REQUIRED);
            assertThat(type.getPrimitiveTypeName()).as(column.name()).isEqualTo(physical(column.type()));
            assertThat(type.getLogicalTypeAnnotation()).as(column.name()).isEqualTo(logical(column.type()));
        }
        assertThat(footer.getBlocks()).isNotEmpty();
        assertThat(footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum()).isEqualTo(rows.size());
        for (BlockMetaData block : footer.getBlocks()) {
            assertThat(block.getColumns()).extracting(ColumnChunkMetaData::getCodec).containsOnly(CompressionCodecName.SNAPPY);
        }
    }

    static PrimitiveTypeName physical(ColumnType type) {
        return switch (type) {
            case STRING -> PrimitiveTypeName.BINARY;
            case TIMESTAMP, INT64 -> PrimitiveTypeName.INT64;
            case BOOLEAN -> PrimitiveTypeName.BOOLEAN;
            case INT32 -> PrimitiveTypeName.INT32;
        };
    }

    static LogicalTypeAnnotation logical(ColumnType type) {
        return switch (type) {
            case STRING -> LogicalTypeAnnotation.stringType();
            case TIMESTAMP -> LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS);
            case BOOLEAN, INT32, INT64 -> null;
        };
    }

    @Test
    void aRowOfAnotherTableIsRefused() {
        List<GenericRecord> rows = TableSamples.records(ParquetTable.ARCHIVES);
        assertThatThrownBy(() -> new ParquetFileWriter().write(ParquetTable.RULE_HITS, rows.iterator(), dir.resolve("x.parquet")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a rule_hits row");
    }

    @Test
    void noRowsIsAValidEmptyFile() throws IOException {
        Path file = dir.resolve("empty.parquet");
        assertThat(new ParquetFileWriter().write(ParquetTable.ALERTS, List.<GenericRecord>of().iterator(), file)).isZero();
        assertThat(ParquetFiles.read(file)).isEmpty();
        assertThat(ParquetFiles.footer(file).getFileMetaData().getSchema().getFieldCount()).isEqualTo(8);
    }

    @Test
    void smallRowGroupsSplitTheFileAndReadBackInOrder() throws IOException {
        List<GenericRecord> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            rows.add(ParquetTable.RULE_HITS.row().set("cluster_id", "00000000-0000-0000-0000-000000000000")
                    .set("rule_id", "rule_" + i + "|KEY_" + i).set("collected_at", 1_000L * i)
                    .set("archive_path", "p" + i).build());
        }
        Path file = dir.resolve("groups.parquet");
        new ParquetFileWriter(64 * 1024).write(ParquetTable.RULE_HITS, rows.iterator(), file);
        assertThat(ParquetFiles.footer(file).getBlocks()).hasSizeGreaterThan(1);
        assertThat(ParquetFiles.read(file)).extracting(r -> r.get("rule_id").toString())
                .containsExactlyElementsOf(rows.stream().map(r -> r.get("rule_id").toString()).toList());
    }
}
