package parquet;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static parquet.Messages.row;

/** {@code alerts.labels} is written as Go's {@code json.Marshal} writes a map. */
class GoJsonTest {

    @Test
    void keysSortedHtmlCharactersEscapedLowercaseUtf8Kept() {
        assertThat(GoJson.write(row("z", "a<b>&c", "a", "é\u2028", "m", List.of(1, true))))
                .isEqualTo("{\"a\":\"é\\u2028\",\"m\":[1,true],\"z\":\"a\\u003cb\\u003e\\u0026c\"}");
    }

    @Test
    void nestedObjectsAreSortedToo() {
        assertThat(GoJson.write(row("b", row("y", 1, "x", 2), "a", null))).isEqualTo("{\"a\":null,\"b\":{\"x\":2,\"y\":1}}");
    }
}
