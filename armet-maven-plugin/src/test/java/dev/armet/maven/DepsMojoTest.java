package dev.armet.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armet.deps.Inventories;
import dev.armet.deps.Inventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * armet:deps on the sample project in this test's folder, resolved by the real Maven (offline,
 * armet-deps' pom-only fixture repository), against a test advisory for the fixture lib.
 */
class DepsMojoTest {
  static final Path DEPS_TEST =
      Path.of("../armet-deps/src/test/resources").toAbsolutePath().normalize();
  @TempDir static Path dir;
  static Inventory sample;
  static Path osv;

  @BeforeAll
  static void resolveSample() throws IOException {
    Path project = Files.createDirectories(dir.resolve("sample/.mvn")).getParent();
    Files.copy(Path.of("src/test/resources/sample/pom.xml"), project.resolve("pom.xml"));
    Files.writeString(
        project.resolve(".mvn/maven.config"),
        "-o -Daether.offline.protocols=file -Dfixture.repo="
            + DEPS_TEST.resolve("fixture-repo")
            + "\n");
    sample = Inventories.fromProject(project, true);
    osv = Files.createDirectories(dir.resolve("osv"));
    Files.copy(
        DEPS_TEST.resolve("osv-fixture-lib/ARMET-TEST-LIB.json"),
        osv.resolve("ARMET-TEST-LIB.json"));
  }

  DepsMojo mojo() {
    DepsMojo m = new DepsMojo();
    m.osv = osv.toFile();
    m.failOn = "high";
    m.scope = "runtime";
    m.format = "text";
    m.maxAgeDays = 30;
    return m;
  }

  @Test
  void run_vulnerableTransitive_failsTheBuildByThreshold() {
    assertThatThrownBy(() -> mojo().run(sample))
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            "armet:deps: 1 vulnerable dependency at or above high (see above for each fix)");
  }

  @Test
  void run_thresholdAboveFinding_passesAndWritesTheReport() throws Exception {
    DepsMojo m = mojo();
    m.failOn = "critical";
    m.format = "json";
    m.outputFile = dir.resolve("target/armet-deps.json").toFile();
    m.run(sample);
    var json = new ObjectMapper().readTree(m.outputFile);
    assertThat(json.path("findings").get(0).path("fix").path("description").asText())
        .isEqualTo(
            "add to <dependencyManagement>: dev.armet.fixture:lib:1.1 (it comes through dev.armet.fixture:starter:1.0)");
  }

  @Test
  void run_noData_failsTheBuildSayingHow() {
    DepsMojo m = mojo();
    m.osv = dir.resolve("none").toFile();
    assertThatThrownBy(() -> m.run(sample))
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("no OSV data")
        .hasMessageContaining("armet deps update");
  }

  @Test
  void inventory_artifactTrails_becomePaths() {
    DefaultArtifact lib =
        new DefaultArtifact(
            "dev.armet.fixture",
            "lib",
            "1.0",
            "compile",
            "jar",
            null,
            new DefaultArtifactHandler("jar"));
    lib.setDependencyTrail(
        List.of(
            "com.example:plugin-sample:jar:1.0",
            "dev.armet.fixture:starter:jar:1.0",
            "dev.armet.fixture:lib:jar:1.0"));
    Inventory inv =
        ArtifactTrails.inventory("com.example:plugin-sample:1.0", List.<Artifact>of(lib));
    assertThat(inv.dependencies())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.path())
                  .containsExactly(
                      "com.example:plugin-sample:1.0",
                      "dev.armet.fixture:starter:1.0",
                      "dev.armet.fixture:lib:1.0");
              assertThat(d.scope()).isEqualTo("compile");
            });
  }
}
