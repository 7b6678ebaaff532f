package pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
    private static Exchange failed(String message) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException(message));
        return exchange;
    }

    @Test
    void aShortReasonIsKeptAsIs() throws Exception {
        Exchange exchange = failed("archive-new: $.path: required");
        DeadLetter.describe().process(exchange);
        assertThat(exchange.getMessage().getHeader(DeadLetter.REASON)).isEqualTo("archive-new: $.path: required");
        assertThat(exchange.getMessage().getHeader(DeadLetter.ERROR)).isEqualTo(IllegalStateException.class.getName());
    }

    @Test
    void aHugeReasonIsCutSoTheDeadLetterRecordStaysSendable() throws Exception {
        // One violation per array item of a hostile message: megabytes of reason.
        String violations = "$.report.reports[1]: integer found, object expected; ".repeat(100_000);
        Exchange exchange = failed(violations);
        DeadLetter.describe().process(exchange);
        String reason = exchange.getMessage().getHeader(DeadLetter.REASON, String.class);
        assertThat(reason).hasSizeLessThanOrEqualTo(DeadLetter.MAX_REASON_CHARS)
                .startsWith("$.report.reports[1]: integer found, object expected")
                .endsWith(" more characters)");
    }

    @Test
    void aReasonGivenByTheRouteIsCutToo() throws Exception {
        Exchange exchange = failed("ignored");
        exchange.getMessage().setHeader(DeadLetter.REASON, "not an archive key: " + "x".repeat(300_000));
        DeadLetter.describe().process(exchange);
        assertThat(exchange.getMessage().getHeader(DeadLetter.REASON, String.class))
                .hasSizeLessThanOrEqualTo(DeadLetter.MAX_REASON_CHARS).startsWith("not an archive key: xxx");
    }

    @Test
    void theCutNeverSplitsASurrogatePair() {
        String reason = "a".repeat(DeadLetter.MAX_REASON_CHARS - 41) + "\uD83D\uDE00".repeat(10_000);
        String cut = DeadLetter.bounded(reason);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.indexOf(" … (") - 1))).isFalse();
    }
}
