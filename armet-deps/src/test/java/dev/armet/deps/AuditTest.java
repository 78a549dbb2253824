package dev.armet.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditTest {
  static final Clock NOW = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);
  static OsvDatabase real;

  @BeforeAll
  static void load() throws IOException {
    real = OsvDatabase.load(OsvDatabaseTest.REAL);
  }

  static Dependency direct(String gav) {
    String[] p = gav.split(":");
    return new Dependency(p[0], p[1], p[2], "compile", List.of("com.example:app:1.0", gav));
  }

  static List<Finding> audit(OsvDatabase db, Dependency... deps) {
    return Audit.run(new Inventory("test", List.of(deps)), db, List.of(), NOW).findings();
  }

  @ParameterizedTest(name = "log4j-core {0}: affected={1}, smallest fix {2}, newest {3}")
  @CsvSource({
    "2.14.1, true, 2.15.0, 2.15.0",
    "2.13.0, true, 2.15.0, 2.15.0",
    "2.10.0, true, 2.12.2, 2.15.0",
    "2.4, true, 2.12.2, 2.15.0",
    "2.3, true, 2.3.1, 2.15.0",
    "2.0-beta9, true, 2.3.1, 2.15.0",
    "2.3.1, false, , ",
    "2.3.2, false, , ",
    "2.12.2, false, , ",
    "2.15.0, false, , ",
    "2.17.1, false, , "
  })
  void run_log4ShellsThreeEntries_matchEachLine(
      String version, boolean affected, String smallest, String newest) {
    List<Finding> f = audit(real, direct("org.apache.logging.log4j:log4j-core:" + version));
    if (!affected) {
      assertThat(f).isEmpty();
      return;
    }
    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.ids()).containsExactly("GHSA-jfh8-c2jp-5v3q", "CVE-2021-44228");
              assertThat(x.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(x.summary()).isEqualTo("Remote code injection in Log4j");
              assertThat(x.smallestFixed()).contains(smallest);
              assertThat(x.newestFixed()).contains(newest);
            });
  }

  @ParameterizedTest(name = "spring-beans {0}: affected={1}")
  @CsvSource({
    "5.2.19.RELEASE, true, 5.2.20.RELEASE",
    "5.2.20.RELEASE, false, ",
    "5.2.20, false, ",
    "5.3.17, true, 5.3.18",
    "5.3.18, false, ",
    "4.3.30.RELEASE, true, 5.2.20.RELEASE",
    "6.0.0, false, "
  })
  void run_spring4Shell_releaseQualifierIsThePlainVersion(
      String version, boolean affected, String smallest) {
    List<Finding> f = audit(real, direct("org.springframework:spring-beans:" + version));
    assertThat(f).hasSize(affected ? 1 : 0);
    if (affected) {
      assertThat(f.get(0).smallestFixed()).contains(smallest);
      assertThat(f.get(0).severity()).isEqualTo(Severity.CRITICAL);
    }
  }

  @ParameterizedTest(name = "jackson-databind {0}: affected={1}")
  @CsvSource({
    "2.3.5, false",
    "2.4.0-rc1, true",
    "2.4, true",
    "2.12.7, true",
    "2.12.7.1, false",
    "2.13.4, true",
    "2.13.4.1, false",
    "2.14.0, false"
  })
  void run_jacksonRcAndFourPartVersions_inMavenOrder(String version, boolean affected) {
    assertThat(audit(real, direct("com.fasterxml.jackson.core:jackson-databind:" + version)))
        .hasSize(affected ? 1 : 0);
  }

  @Test
  void run_ghsaAndCveRecordsOfOneIssue_areOneFinding(@TempDir Path dir) throws IOException {
    OsvDatabaseTest.copy(OsvDatabaseTest.REAL, dir);
    Files.copy(
        OsvDatabaseTest.VARIANTS.resolve("CVE-2021-44228.json"),
        dir.resolve("CVE-2021-44228.json"));
    OsvDatabase db = OsvDatabase.load(dir);
    assertThat(db.advisoriesFor("org.apache.logging.log4j:log4j-core")).hasSize(2);
    assertThat(audit(db, direct("org.apache.logging.log4j:log4j-core:2.14.1")))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.ids())
                    .containsExactlyInAnyOrder("GHSA-jfh8-c2jp-5v3q", "CVE-2021-44228"));
  }

  @ParameterizedTest(name = "last_affected / versions[]: {0} affected={1}")
  @CsvSource({
    "2.4.0-rc1, true",
    "2.12.7, true",
    "2.12.7.1, false",
    "2.13.3, false",
    "2.13.4, true"
  })
  void run_lastAffectedAndListedVersions_areInclusive(String version, boolean affected)
      throws IOException {
    OsvDatabase db = OsvDatabase.load(OsvDatabaseTest.VARIANTS);
    List<Finding> f = audit(db, direct("com.fasterxml.jackson.core:jackson-databind:" + version));
    assertThat(f).hasSize(affected ? 1 : 0);
    if (affected) {
      assertThat(f.get(0).fix().kind()).isEqualTo(MavenFix.Kind.NO_FIX_YET);
      assertThat(f.get(0).fix().describe()).isEqualTo("no fixed version yet");
    }
  }

  @Test
  void run_transitiveDependency_proposesDependencyManagementOverride() {
    Dependency viaStarter =
        new Dependency(
            "org.springframework",
            "spring-beans",
            "5.3.17",
            "compile",
            List.of(
                "com.example:app:1.0",
                "org.springframework.boot:spring-boot-starter-web:2.6.5",
                "org.springframework:spring-web:5.3.17",
                "org.springframework:spring-beans:5.3.17"));
    Finding f = audit(real, viaStarter).get(0);
    assertThat(f.fix())
        .isEqualTo(
            new MavenFix(
                MavenFix.Kind.MANAGE_OVERRIDE,
                "org.springframework:spring-beans",
                Optional.of("5.3.18"),
                Optional.of("org.springframework.boot:spring-boot-starter-web:2.6.5")));
    assertThat(f.fix().describe())
        .isEqualTo(
            "add to <dependencyManagement>: org.springframework:spring-beans:5.3.18"
                + " (it comes through org.springframework.boot:spring-boot-starter-web:2.6.5)");
  }

  @Test
  void run_directDependency_proposesBump() {
    Finding f = audit(real, direct("org.apache.logging.log4j:log4j-core:2.14.1")).get(0);
    assertThat(f.fix().describe())
        .isEqualTo("bump org.apache.logging.log4j:log4j-core to 2.15.0 in your pom");
  }

  @Test
  void run_sameVersionByTwoPaths_isOneFindingWithBothPaths() {
    Dependency a = direct("org.apache.logging.log4j:log4j-core:2.14.1");
    Dependency b =
        new Dependency(
            "org.apache.logging.log4j",
            "log4j-core",
            "2.14.1",
            "runtime",
            List.of("com.example:web:1.0", "org.apache.logging.log4j:log4j-core:2.14.1"));
    assertThat(audit(real, a, b)).singleElement().satisfies(f -> assertThat(f.paths()).hasSize(2));
  }

  @Test
  void run_suppressionWithinDate_hidesAndExpiredIsReported() {
    Suppression live =
        new Suppression(
            "CVE-2021-44228", Optional.empty(), LocalDate.parse("2026-12-31"), "lookups off");
    Suppression expired =
        new Suppression(
            "CVE-2022-22965",
            Optional.of("org.springframework:spring-beans"),
            LocalDate.parse("2026-12-01"),
            "WAR-only exploit");
    AuditReport r =
        Audit.run(
            new Inventory(
                "test",
                List.of(
                    direct("org.apache.logging.log4j:log4j-core:2.14.1"),
                    direct("org.springframework:spring-beans:5.3.17"))),
            real,
            List.of(live, expired),
            NOW);
    assertThat(r.findings()).hasSize(2);
    assertThat(r.active())
        .singleElement()
        .satisfies(f -> assertThat(f.ids()).contains("CVE-2022-22965"));
    assertThat(r.findings().stream().filter(Finding::suppressed))
        .singleElement()
        .satisfies(
            f -> assertThat(f.suppression().orElseThrow().reason()).isEqualTo("lookups off"));
    assertThat(r.expiredSuppressions()).containsExactly(expired);
    assertThat(r.failsAt(Severity.HIGH)).isTrue();
    assertThat(r.failsAt(Severity.NONE)).isFalse();
  }

  @Test
  void run_severityOrder_criticalFirst() {
    AuditReport r =
        Audit.run(
            new Inventory(
                "t",
                List.of(
                    direct("com.fasterxml.jackson.core:jackson-databind:2.12.0"),
                    direct("org.apache.logging.log4j:log4j-core:2.14.1"))),
            real,
            List.of(),
            NOW);
    assertThat(r.findings())
        .extracting(Finding::severity)
        .containsExactly(Severity.CRITICAL, Severity.HIGH);
  }
}
