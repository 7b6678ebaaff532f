package aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import model.FeaturesMessage;
import model.Json;
import org.junit.jupiter.api.Test;
import parquet.ParquetTable;

/** The factory's mapping step counts every row it cannot write, by table and reason. */
class MessageRowsTest {
    static final String CLUSTER = "735c7c4d-1234-438f-a494-225f664c72a4";
    static final String PATH = "archives/compressed/73/" + CLUSTER + "/202103/18/113846.tar.gz";

    private static FeaturesMessage clusterInfo(String data) throws Exception {
        return Json.mapper().readValue("{\"path\":\"" + PATH + "\",\"metadata\":{\"cluster_id\":\"" + CLUSTER
                + "\",\"external_organization\":\"1\"},\"report\":[{\"metadata\":{\"feature_id\":\"cluster_info\","
                + "\"component\":\"ccx\"},\"schema\":{\"version\":\"1.0\",\"fields\":[]},\"data\":[" + data + "]}]}",
                FeaturesMessage.class);
    }

    @Test
    void aRowAColumnCannotHoldIsCountedByTableAndReasonAndAnOddOneIsWritten() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MessageRows rows = new MessageRows(meters);

        List<SourceRows> negative = rows.fromFeatures(clusterInfo("{\"platform\":\"AWS\",\"network_mtu\":-1}"));
        assertThat(negative).isEmpty();
        assertThat(meters.get(MessageRows.REJECTED_METER).tag("table", "cluster_info").tag("reason", "network_mtu: negative")
                .counter().count()).isEqualTo(1.0);

        // A newer platform, no channel, no MTU, no networks: written, nothing counted.
        List<SourceRows> odd = rows.fromFeatures(clusterInfo("{\"platform\":\"Nutanix\"}"));
        assertThat(odd).singleElement().satisfies(r -> {
            assertThat(r.partition().table()).isEqualTo(ParquetTable.CLUSTER_INFO);
            assertThat(r.rows()).singleElement().satisfies(row -> assertThat(row.get("platform")).isEqualTo("Nutanix"));
        });
        assertThat(meters.find(MessageRows.REJECTED_METER).counters()).hasSize(1);
    }
}
