package app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.Topology;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {
    @Test
    void defaultsToTheBundledSampleAndTargetDemo() {
        DemoOptions o = DemoOptions.parse();
        assertThat(o.archives()).isNull();
        assertThat(o.out()).isEqualTo(Path.of("target/demo"));
        assertThat(o.organization()).isEqualTo("1234567");
        assertThat(o.topology()).isEqualTo(Topology.BASELINE);
    }

    @Test
    void readsEveryOption() {
        DemoOptions o = DemoOptions.parse("--archives", "/a", "--out", "/o", "--org", "42", "--timeout", "9",
                "--topology", "2024");
        assertThat(o.archives()).isEqualTo(Path.of("/a"));
        assertThat(o.out()).isEqualTo(Path.of("/o"));
        assertThat(o.organization()).isEqualTo("42");
        assertThat(o.timeout().toSeconds()).isEqualTo(9);
        assertThat(o.fleetVariants()).isFalse();
        assertThat(o.topology()).isEqualTo(Topology.Y2024);
        assertThat(DemoOptions.parse("--fleet-variants", "--out", "/o").fleetVariants()).isTrue();
        assertThat(DemoOptions.parse("--topology", "baseline").topology()).isEqualTo(Topology.BASELINE);
        assertThat(DemoOptions.parse("--topology", "2024", "--fleet-variants"))
                .extracting(DemoOptions::topology, DemoOptions::fleetVariants).containsExactly(Topology.Y2024, true);
    }

    @Test
    void rejectsUnknownOrIncompleteOptions() {
        assertThatThrownBy(() -> DemoOptions.parse("--bogus")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> DemoOptions.parse("--out")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> DemoOptions.parse("--org", "abc")).hasMessageContaining("positive integer");
        assertThatThrownBy(() -> DemoOptions.parse("--fleet-variants", "--archives", "/a")).hasMessageContaining("exclude");
        assertThatThrownBy(() -> DemoOptions.parse("--topology")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> DemoOptions.parse("--topology", "2023")).hasMessageContaining("--topology must be baseline or 2024, got 2023");
        assertThatThrownBy(() -> DemoOptions.parse("--topology", " ")).hasMessageContaining("--topology must be baseline or 2024");
    }
}
