package app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {
    @Test
    void defaultsToTheBundledSampleAndTargetDemo() {
        DemoOptions o = DemoOptions.parse();
        assertThat(o.archives()).isNull();
        assertThat(o.out()).isEqualTo(Path.of("target/demo"));
        assertThat(o.organization()).isEqualTo("1234567");
    }

    @Test
    void readsEveryOption() {
        DemoOptions o = DemoOptions.parse("--archives", "/a", "--out", "/o", "--org", "42", "--timeout", "9");
        assertThat(o.archives()).isEqualTo(Path.of("/a"));
        assertThat(o.out()).isEqualTo(Path.of("/o"));
        assertThat(o.organization()).isEqualTo("42");
        assertThat(o.timeout().toSeconds()).isEqualTo(9);
        assertThat(o.fleetVariants()).isFalse();
        assertThat(DemoOptions.parse("--fleet-variants", "--out", "/o").fleetVariants()).isTrue();
    }

    @Test
    void rejectsUnknownOrIncompleteOptions() {
        assertThatThrownBy(() -> DemoOptions.parse("--bogus")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> DemoOptions.parse("--out")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> DemoOptions.parse("--org", "abc")).hasMessageContaining("positive integer");
        assertThatThrownBy(() -> DemoOptions.parse("--fleet-variants", "--archives", "/a")).hasMessageContaining("exclude");
    }
}
