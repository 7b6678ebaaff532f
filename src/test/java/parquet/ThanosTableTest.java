package parquet;

import org.junit.jupiter.api.Test;
import thanos.ThanosRow;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static parquet.Messages.values;

/** {@code cluster_thanos_info} from the Thanos poll's rows. */
class ThanosTableTest {

    @Test
    void theClusterThanosInfoExampleTable() {
        MappedRows rows = TableRows.fromThanos(SpecTables.thanosRows());
        assertThat(values(rows.rows(ParquetTable.CLUSTER_THANOS_INFO))).isEqualTo(SpecTables.clusterThanosInfo());
        assertThat(rows.rows(ParquetTable.CLUSTER_THANOS_INFO)).allSatisfy(r -> {
            assertThat(r.hour()).isEqualTo(Instant.parse("2021-03-18T07:00:00Z"));
            assertThat(r.archivePath()).isNull();
        });
        assertThat(rows.rejected()).isEmpty();
    }

    @Test
    void seriesValuesAreWrittenAsTheyAreOnlyANonUuidClusterIsRejected() {
        Instant at = Instant.parse("2021-03-18T08:00:00Z");
        MappedRows rows = TableRows.fromThanos(List.of(
                new ThanosRow("12345678-ec5b-4552-9e2d-76c7bc4dee8f", "", "us.ibm.com", true, "None", at),
                new ThanosRow("12345678-ec5b-4552-9e2d-76c7bc4dee8f", "7", "localhost", true, "None", at),
                new ThanosRow("12345678-ec5b-4552-9e2d-76c7bc4dee8f", "7", "us.ibm.com", true, "Gold", at),
                new ThanosRow("not-a-uuid", "7", "us.ibm.com", true, "None", at),
                new ThanosRow("12345678-EC5B-4552-9e2d-76c7bc4dee8f", "7", "us.ibm.com", true, "Standard", at)));
        assertThat(rows.rejected()).extracting(RejectedRow::detail).containsExactly("cluster_id: not a UUID ('not-a-uuid')");
        assertThat(values(rows.rows(ParquetTable.CLUSTER_THANOS_INFO))).containsExactly(
                List.of("12345678-ec5b-4552-9e2d-76c7bc4dee8f", "", "us.ibm.com", true, "None", at.toEpochMilli()),
                List.of("12345678-ec5b-4552-9e2d-76c7bc4dee8f", "7", "localhost", true, "None", at.toEpochMilli()),
                List.of("12345678-ec5b-4552-9e2d-76c7bc4dee8f", "7", "us.ibm.com", true, "Gold", at.toEpochMilli()),
                List.of("12345678-ec5b-4552-9e2d-76c7bc4dee8f", "7", "us.ibm.com", true, "Standard", at.toEpochMilli()));
    }
}
