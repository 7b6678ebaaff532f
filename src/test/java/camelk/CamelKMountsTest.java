package camelk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files of a Camel K pod the pipeline reads, and where it looks for the mounted flow. */
class CamelKMountsTest {
    @TempDir
    Path dir;

    @Test
    void withoutTheVariablesNothingIsMounted() {
        assertThat(CamelKMounts.detect(Map.of(), new Properties())).isEmpty();
        assertThat(CamelKMounts.detect(Map.of(CamelKMounts.CONF, " "), new Properties())).isEmpty();
    }

    @Test
    void theEnvironmentWinsAndSystemPropertiesStandIn() {
        Properties system = new Properties();
        system.setProperty(CamelKMounts.CONF, "/sys/application.properties");
        system.setProperty(CamelKMounts.CONF_D, "/sys/conf.d");
        assertThat(CamelKMounts.detect(Map.of(), system))
                .contains(new CamelKMounts(Path.of("/sys/application.properties"), Path.of("/sys/conf.d")));
        assertThat(CamelKMounts.detect(Map.of(CamelKMounts.CONF, "/etc/camel/application.properties",
                CamelKMounts.CONF_D, "/etc/camel/conf.d"), system))
                .contains(new CamelKMounts(Path.of("/etc/camel/application.properties"), Path.of("/etc/camel/conf.d")));
        assertThat(CamelKMounts.detect(Map.of(CamelKMounts.CONF_D, "/etc/camel/conf.d"), new Properties()))
                .contains(new CamelKMounts(null, Path.of("/etc/camel/conf.d")));
    }

    @Test
    void locationsAreConfDPropertiesByNameThenTheOperatorsThenOurs() throws Exception {
        Path conf = Files.writeString(dir.resolve("application.properties"), "a=1\n");
        Path confD = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(confD.resolve("user.properties"), "b=2\n");
        Files.writeString(confD.resolve("a-first.properties"), "c=3\n");
        Files.writeString(confD.resolve("notes.txt"), "not properties\n");
        Files.createDirectories(confD.resolve("_configmaps/ccx-pipeline-config"));
        Files.createDirectories(confD.resolve("_secrets/x.properties"));

        assertThat(new CamelKMounts(conf, confD).propertyLocations()).containsExactly(
                "file:" + confD.resolve("a-first.properties") + ";optional=true",
                "file:" + confD.resolve("user.properties") + ";optional=true",
                "file:" + conf + ";optional=true",
                "classpath:application.properties;optional=true");
        assertThat(new CamelKMounts(conf, dir.resolve("missing")).propertyLocations()).hasSize(2);
        assertThat(new CamelKMounts(null, confD).propertyLocations()).hasSize(3);
    }

    @Test
    void routesComeFromTheOperatorsPattern() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("sources"));
        Path conf = Files.writeString(dir.resolve("application.properties"),
                "camel.component.kamelet.location=file:/etc/camel/kamelets/kamelets-bundle-p-001,classpath:/kamelets\n"
                        + "camel.main.routes-include-pattern=file:" + sources + "/**\n");
        assertThat(new CamelKMounts(conf, null).routesIncludePattern()).contains("file:" + sources + "/**");
    }

    @Test
    void routesComeFromTheCamelKRuntimeSources() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("sources"));
        Path conf = Files.writeString(dir.resolve("application.properties"),
                "camel.k.sources[1].location=file:" + sources + "/extra.yaml\n"
                        + "camel.k.sources[0].location=file:" + sources + "/camel-k-embedded-flow.yaml\n"
                        + "camel.k.sources[0].name=camel-k-embedded-flow\ncamel.k.sources[0].language=yaml\n");
        assertThat(new CamelKMounts(conf, null).routesIncludePattern())
                .contains("file:" + sources + "/camel-k-embedded-flow.yaml,file:" + sources + "/extra.yaml");
    }

    @Test
    void otherwiseRoutesAreTheSourcesDirectoryNextToTheConf() throws Exception {
        Path conf = Files.writeString(dir.resolve("application.properties"), "x=y\n");
        Files.createDirectories(dir.resolve("sources"));
        assertThat(new CamelKMounts(conf, null).routesIncludePattern()).contains("file:" + dir.resolve("sources") + "/*.yaml");
        assertThat(new CamelKMounts(null, dir).routesIncludePattern()).isEqualTo(Optional.empty());
    }

    /** An Integration pod of our image: no sources are mounted, whatever the operator's file names (found by TopologyIT). */
    @Test
    void anIntegrationWithoutMountedSourcesLoadsNoFileRoutes() throws Exception {
        Path missing = dir.resolve("sources");
        Path conf = Files.writeString(dir.resolve("application.properties"),
                "camel.main.routes-include-pattern=file:" + missing + "/**\n");
        assertThat(new CamelKMounts(conf, null).routesIncludePattern()).isEmpty();
        Path plain = Files.writeString(dir.resolve("other.properties"), "x=y\n");
        assertThat(new CamelKMounts(plain, null).routesIncludePattern()).isEmpty();
        assertThat(CamelKMounts.scannable(java.util.List.of("classpath:camel/*", "file:" + missing + "/*.yaml")))
                .contains("classpath:camel/*");
        assertThat(CamelKMounts.baseDir("/etc/camel/sources/**")).isEqualTo(Path.of("/etc/camel/sources"));
        assertThat(CamelKMounts.baseDir("/etc/camel/sources/flow.yaml")).isEqualTo(Path.of("/etc/camel/sources"));
    }
}
