package uploader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import errors.BadInputException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

class RulesUploaderTest {
    static final String PATH = "archives/compressed/5d/5d5892d3-1f74-4ccf-91af-548dfc9767aa/202101/20/031709.tar.gz";
    static final String MESSAGE = "{\"path\":\"" + PATH + "\",\"metadata\":{\"cluster_id\":\"5d5892d3-1f74-4ccf-91af-548dfc9767aa\"},\"report\":{}}";

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final RulesUploader uploader = new RulesUploader(meters);

    @Test
    void theKeyIsTheArchivesPathUnderInsights() {
        assertThat(RulesJsonKey.of(PATH)).isEqualTo("insights/5d/5d5892d3-1f74-4ccf-91af-548dfc9767aa/202101/20/031709/insights.json");
        assertThatThrownBy(() -> RulesJsonKey.of("insights/x.json")).isInstanceOf(BadInputException.class).hasMessageContaining("§3.3");
        assertThatThrownBy(() -> RulesJsonKey.of(null)).isInstanceOf(BadInputException.class);
    }

    @Test
    void theFileIsTheMessageAsConsumedWithItsHash() throws Exception {
        Exchange exchange = exchange(MESSAGE);
        uploader.plan(exchange);
        uploader.request(exchange);
        assertThat(exchange.getMessage().getBody(byte[].class)).isEqualTo(MESSAGE.getBytes(StandardCharsets.UTF_8));
        assertThat(exchange.getMessage().getHeader(AWS2S3Constants.KEY)).isEqualTo(RulesJsonKey.of(PATH));
        assertThat(exchange.getMessage().getHeader(AWS2S3Constants.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(exchange.getMessage().getHeader(AWS2S3Constants.METADATA))
                .isEqualTo(Map.of(RulesUploader.CONTENT_SHA256, RulesUploader.sha256(MESSAGE.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aRedeliveryFindsItsOwnFileAndAnotherAnalysisReplacesIt() throws Exception {
        Exchange exchange = exchange(MESSAGE);
        uploader.plan(exchange);
        String hash = RulesUploader.sha256(MESSAGE.getBytes(StandardCharsets.UTF_8));
        exchange.getMessage().setBody(HeadObjectResponse.builder().metadata(Map.of(RulesUploader.CONTENT_SHA256, hash)).build());
        assertThat(uploader.isSameFile(exchange)).isTrue();
        exchange.getMessage().setBody(HeadObjectResponse.builder().metadata(Map.of(RulesUploader.CONTENT_SHA256, "other")).build());
        assertThat(uploader.isSameFile(exchange)).isFalse();
        exchange.getMessage().setBody(HeadObjectResponse.builder().build());
        assertThat(uploader.isSameFile(exchange)).as("a file without the hash (written by something else)").isFalse();

        uploader.request(exchange);
        assertThat(exchange.getMessage().getBody(byte[].class)).as("the file again, for the replacing PUT")
                .isEqualTo(MESSAGE.getBytes(StandardCharsets.UTF_8));
        assertThat(exchange.getMessage().getHeader(AWS2S3Constants.KEY)).isEqualTo(RulesJsonKey.of(PATH));
        uploader.alreadyPresent(exchange);
        assertThat(meters.get("ccx.rules.uploads").tag("result", "already-present").counter().count()).isEqualTo(1);
    }

    private static Exchange exchange(String body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(body);
        return exchange;
    }
}
