package parquet;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An independent reader, DuckDB (npm {@code @duckdb/node-api}, run by
 * {@code tools/parquet-check/check.mjs}), reads every table's file: column names, DuckDB types,
 * footer types, row count and the values. Skipped only when {@code node} is absent; fails when
 * the tool is not installed ({@code npm ci --prefix tools/parquet-check}).
 */
class ParquetDuckDbIT {

    @TempDir
    Path dir;

    @BeforeAll
    static void node() {
        assumeTrue(DuckDbCheck.nodeAvailable(), "node is not on the PATH: DuckDB cross-check skipped");
        DuckDbCheck.requireInstalled();
    }

    static String duckDbType(ColumnType type) {
        return switch (type) {
            case STRING -> "VARCHAR";
            case TIMESTAMP -> "TIMESTAMP WITH TIME ZONE"; // TIMESTAMP(MILLIS, isAdjustedToUTC=true)
            case BOOLEAN -> "BOOLEAN";
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
        };
    }

    static String footerType(ColumnType type) {
        return switch (type) {
            case STRING -> "BYTE_ARRAY";
            case TIMESTAMP, INT64 -> "INT64";
            case BOOLEAN -> "BOOLEAN";
            case INT32 -> "INT32";
        };
    }

    @ParameterizedTest
    @EnumSource(ParquetTable.class)
    void duckDbSeesTheColumnsTypesAndRows(ParquetTable table) throws IOException {
        List<GenericRecord> rows = TableSamples.records(table);
        Path file = dir.resolve(table + "-0.parquet");
        new ParquetFileWriter().write(table, rows.iterator(), file);

        JsonNode seen = DuckDbCheck.describe(file, true);

        assertThat(seen.path("rows").asLong()).isEqualTo(rows.size());
        assertThat(seen.path("columns")).hasSameSizeAs(table.columns());
        assertThat(seen.path("parquet")).hasSameSizeAs(table.columns());
        for (int i = 0; i < table.columns().size(); i++) {
            Column column = table.columns().get(i);
            JsonNode duck = seen.path("columns").get(i);
            JsonNode footer = seen.path("parquet").get(i);
            assertThat(duck.path("name").asText()).isEqualTo(column.name());
            assertThat(duck.path("type").asText()).as(column.name()).isEqualTo(duckDbType(column.type()));
            assertThat(footer.path("physical").asText()).as(column.name()).isEqualTo(footerType(column.type()));
            for (int r = 0; r < rows.size(); r++) {
                JsonNode value = seen.path("data").get(r).path(column.name());
                Object expected = rows.get(r).get(i);
                switch (column.type()) {
                    case STRING -> assertThat(value.asText()).isEqualTo(expected.toString());
                    case BOOLEAN -> assertThat(value.asBoolean()).isEqualTo(expected);
                    case INT32 -> assertThat(value.asInt()).isEqualTo(expected);
                    case INT64 -> assertThat(value.asLong()).isEqualTo(expected);
                    case TIMESTAMP -> assertThat(value.asText()).isEqualTo(utcText((Long) expected));
                }
            }
        }
    }

    /** DuckDB's text of a TIMESTAMPTZ in a UTC session: {@code 2021-02-08 00:59:34+00}. */
    static String utcText(long millis) {
        return java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
                .format(java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, java.time.ZoneOffset.UTC)) + "+00";
    }
}
