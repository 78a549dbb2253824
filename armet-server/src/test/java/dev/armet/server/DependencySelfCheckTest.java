package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.check.Finding;
import dev.armet.check.Severity;
import dev.armet.deps.Dependency;
import dev.armet.deps.Inventory;
import dev.armet.env.ArmetEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deps.osv}: the running jars against real GHSA records (armet-deps' test data). */
class DependencySelfCheckTest {
  static final Path OSV = Path.of("../armet-deps/src/test/resources/osv");
  static final Clock NOW = Clock.fixed(Instant.now(), ZoneOffset.UTC);

  static Inventory jars(String... gavs) {
    return new Inventory(
        "classpath",
        List.of(gavs).stream()
            .map(
                g -> {
                  String[] p = g.split(":");
                  return new Dependency(p[0], p[1], p[2], "", List.of("app.jar", g));
                })
            .toList());
  }

  @Test
  void check_criticalJarOnClasspath_isAnErrorWithTheFix() {
    DependencySelfCheck check =
        new DependencySelfCheck(
            OSV,
            dev.armet.deps.Severity.HIGH,
            () ->
                jars(
                    "org.apache.logging.log4j:log4j-core:2.14.1",
                    "com.fasterxml.jackson.core:jackson-databind:2.12.6"),
            NOW);
    List<Finding> findings = check.check(ArmetEnvironment.PRODUCTION);
    assertThat(findings).filteredOn(f -> f.severity() == Severity.ERROR).hasSize(2);
    assertThat(findings)
        .anySatisfy(
            f -> {
              assertThat(f.message())
                  .startsWith(
                      "org.apache.logging.log4j:log4j-core:2.14.1 on the class path: GHSA-jfh8-c2jp-5v3q");
              assertThat(f.fix())
                  .isEqualTo(
                      "bump org.apache.logging.log4j:log4j-core to 2.15.0 in your pom, rebuild and redeploy");
            });
  }

  @Test
  void check_belowFailOn_isAWarning() {
    DependencySelfCheck check =
        new DependencySelfCheck(
            OSV,
            dev.armet.deps.Severity.CRITICAL,
            () -> jars("com.fasterxml.jackson.core:jackson-databind:2.12.6"),
            NOW);
    assertThat(check.check(ArmetEnvironment.PRODUCTION))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
  }

  @Test
  void check_cleanClasspath_isInfo() {
    DependencySelfCheck check =
        new DependencySelfCheck(
            OSV,
            dev.armet.deps.Severity.HIGH,
            () -> jars("org.apache.logging.log4j:log4j-core:2.17.1"),
            NOW);
    assertThat(check.check(ArmetEnvironment.PRODUCTION))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
  }

  @Test
  void check_missingData_isAnErrorInProductionOnly(@TempDir Path dir) {
    DependencySelfCheck check =
        DependencySelfCheck.ofRunningClasspath(dir.resolve("none"), dev.armet.deps.Severity.HIGH);
    assertThat(check.check(ArmetEnvironment.PRODUCTION))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.ERROR);
              assertThat(f.fix()).contains("armet deps update --to");
            });
    assertThat(check.check(ArmetEnvironment.DEVELOPMENT))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
  }

  @Test
  void settings_depsOsv_registersTheCheckAndBadFailOnIsRefused(@TempDir Path dir)
      throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("armet.properties"), "deps.osv = " + OSV.toAbsolutePath() + "\n");
    ArmetServerConfig config =
        ServerSettings.load(file, Map.of("ARMET_DEPS_FAIL_ON", "critical")).build();
    assertThat(config.selfChecks()).hasAtLeastOneElementOfType(DependencySelfCheck.class);
    assertThatThrownBy(() -> ServerSettings.load(file, Map.of("ARMET_DEPS_FAIL_ON", "severe")))
        .hasMessageContaining("deps.fail-on")
        .hasMessageContaining("severe");
  }
}
