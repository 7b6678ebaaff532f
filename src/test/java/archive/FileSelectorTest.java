package archive;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSelectorTest {

    @Test
    void splitsPatternsIntoExactPathsAndGlobs() {
        FileSelector selector = FileSelector.of("config/id", "./config/version.json", "config/node/*.json", "a/{b,c}", "x?");

        assertThat(selector.paths()).containsExactlyInAnyOrder("config/id", "config/version.json");
        assertThat(selector.globs()).containsExactlyInAnyOrder("config/node/*.json", "a/{b,c}", "x?");
    }

    @Test
    void starStaysInsideOneSegmentAndDoubleStarCrossesThem() {
        FileSelector operators = FileSelector.of("config/clusteroperator/*.json");
        assertThat(operators.matches("config/clusteroperator/etcd.json")).isTrue();
        assertThat(operators.matches("config/clusteroperator/imageregistry.operator.openshift.io/config/cluster.json")).isFalse();

        FileSelector tree = FileSelector.of("config/pod/**");
        assertThat(tree.matches("config/pod/openshift-etcd/logs/etcd/errors.log")).isTrue();
        assertThat(tree.matches("config/podx/a")).isFalse();
    }

    @Test
    void supportsClassesGroupsAndQuestionMarks() {
        assertThat(FileSelector.of("config/{version,proxy}.json").matches("config/proxy.json")).isTrue();
        assertThat(FileSelector.of("config/{version,proxy}.json").matches("config/network.json")).isFalse();
        assertThat(FileSelector.of("config/node/[a-m]*.json").matches("config/node/master-0.json")).isTrue();
        assertThat(FileSelector.of("config/node/[!a-m]*.json").matches("config/node/master-0.json")).isFalse();
        assertThat(FileSelector.of("config/i?").matches("config/id")).isTrue();
        assertThat(FileSelector.of("config/i?").matches("config/i/d")).isFalse();
        assertThat(FileSelector.of("a.b/*.json").matches("aXb/c.json")).isFalse(); // '.' is literal
    }

    @Test
    void exactPathsMatchOnlyThemselves() {
        FileSelector selector = FileSelector.of("config/id");

        assertThat(selector.matches("config/id")).isTrue();
        assertThat(selector.matches("config/id2")).isFalse();
        assertThat(selector.matches("x/config/id")).isFalse();
    }

    @Test
    void allMatchesEverythingAndUnionCombines() {
        assertThat(FileSelector.all().matches("any/deep/path.json")).isTrue();

        FileSelector union = FileSelector.of("config/id").union(FileSelector.of("config/node/*.json"));

        assertThat(union.paths()).isEqualTo(Set.of("config/id"));
        assertThat(union.globs()).isEqualTo(Set.of("config/node/*.json"));
        assertThat(union.matches("config/node/a.json")).isTrue();
        assertThat(union.matches("config/id")).isTrue();
        assertThat(union.matches("config/version.json")).isFalse();
    }

    @Test
    void rejectsBrokenGlobsUpFront() {
        assertThatThrownBy(() -> FileSelector.of("config/[abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FileSelector.of("config/{a,b")).isInstanceOf(IllegalArgumentException.class);
    }
}
