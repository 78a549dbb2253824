package dev.armet.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real Maven (offline, pom-only fixture repository) once on a two-module reactor. */
class MavenProjectInventoryTest {
  @TempDir static Path dir;
  static Inventory inventory;

  @BeforeAll
  static void resolve() throws IOException {
    inventory = Inventories.fromProject(SampleProjects.copy("reactor", dir.resolve("shop")), false);
  }

  static Dependency find(Inventory inv, String gav) {
    return inv.dependencies().stream()
        .filter(d -> d.gav().equals(gav))
        .findFirst()
        .orElseThrow(() -> new AssertionError(gav + " not in " + inv.dependencies()));
  }

  @Test
  void fromProject_transitiveThroughStarter_hasItsPath() {
    Dependency lib = find(inventory, "dev.armet.fixture:lib:1.0");
    assertThat(lib.path())
        .containsExactly(
            "com.example:shop-web:1.0",
            "dev.armet.fixture:starter:1.0",
            "dev.armet.fixture:lib:1.0");
    assertThat(lib.direct()).isFalse();
    assertThat(lib.scope()).isEqualTo("compile");
  }

  @Test
  void fromProject_versionPinnedByBomImport_isTheResolvedOne() {
    assertThat(find(inventory, "dev.armet.fixture:other:2.0").path())
        .containsExactly("com.example:shop-core:1.0", "dev.armet.fixture:other:2.0");
  }

  @Test
  void fromProject_reactorModules_arePathsNotDependencies() {
    assertThat(inventory.dependencies()).noneMatch(d -> d.groupId().equals("com.example"));
    assertThat(find(inventory, "dev.armet.fixture:other:2.0")).isNotNull();
    assertThat(inventory.dependencies())
        .anyMatch(
            d ->
                d.path()
                    .equals(
                        List.of(
                            "com.example:shop-web:1.0",
                            "com.example:shop-core:1.0",
                            "dev.armet.fixture:other:2.0")));
  }

  @Test
  void filter_runtimeScope_dropsTestDependencies() {
    assertThat(inventory.dependencies())
        .anyMatch(d -> d.gav().equals("dev.armet.fixture:lib:1.1") && d.scope().equals("test"));
    assertThat(inventory.filter(ScopeFilter.RUNTIME).dependencies())
        .noneMatch(d -> d.scope().equals("test"));
    assertThat(inventory.filter(ScopeFilter.ALL).dependencies())
        .hasSameSizeAs(inventory.dependencies());
  }

  @Test
  void fromProject_noPom_saysSo(@TempDir Path empty) {
    assertThatThrownBy(() -> Inventories.fromProject(empty, true)).hasMessageContaining("pom.xml");
  }

  @Test
  void fromProject_unresolvable_showsMavensError(@TempDir Path bad) throws IOException {
    SampleProjects.copy("app", bad);
    Files.writeString(
        bad.resolve("pom.xml"),
        Files.readString(bad.resolve("pom.xml"))
            .replace("<version>1.0</version></dependency>", "<version>9.9</version></dependency>"));
    assertThatThrownBy(() -> Inventories.fromProject(bad, true))
        .hasMessageContaining("could not read")
        .hasMessageContaining("dev.armet.fixture:starter:jar:9.9 is missing");
  }
}
