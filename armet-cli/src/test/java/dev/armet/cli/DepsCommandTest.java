package dev.armet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code armet deps} on real GHSA records and a CycloneDX SBOM: exit codes, formats, data age. */
class DepsCommandTest {
  /** armet-deps' test data: real GitHub Advisory Database records and a sample SBOM. */
  static final Path DEPS_RESOURCES =
      Path.of("../armet-deps/src/test/resources").toAbsolutePath().normalize();

  static final Path SBOM = DEPS_RESOURCES.resolve("sbom/app-bom.json");
  static final ObjectMapper JSON = new ObjectMapper();

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  @TempDir Path dir;
  Path osv;

  @BeforeEach
  void copyOsv() throws IOException {
    osv = Files.createDirectories(dir.resolve("osv"));
    try (Stream<Path> files = Files.list(DEPS_RESOURCES.resolve("osv"))) {
      for (Path f : files.toList()) {
        Files.copy(f, osv.resolve(f.getFileName()));
      }
    }
    stamp(Instant.now().minus(Duration.ofDays(1)));
  }

  void stamp(Instant retrieved) throws IOException {
    Files.writeString(osv.resolve("armet-osv.properties"), "retrieved=" + retrieved + "\n");
  }

  int run(String... args) {
    return Main.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void deps_sbomWithCriticalFindings_exitsOneWithPathsAndFixes() {
    assertThat(run("deps", "--sbom", SBOM.toString(), "--osv", osv.toString())).isEqualTo(1);
    assertThat(out.toString())
        .contains(
            "CRITICAL  org.apache.logging.log4j:log4j-core:2.14.1  GHSA-jfh8-c2jp-5v3q (CVE-2021-44228)",
            "fix: bump org.apache.logging.log4j:log4j-core to 2.15.0 in your pom",
            "path: com.example:app:1.0 > org.springframework.boot:spring-boot-starter-web:2.6.5 > "
                + "org.springframework:spring-webmvc:5.3.17 > org.springframework:spring-beans:5.3.17",
            "fix: add to <dependencyManagement>: org.springframework:spring-beans:5.3.18 (it comes through "
                + "org.springframework.boot:spring-boot-starter-web:2.6.5)",
            "fix: bump org.springframework.boot:spring-boot-starter-web to 2.6.6 in your pom",
            "OSV data: ");
    assertThat(err.toString()).contains("OSV data retrieved", "1 days old");
  }

  @Test
  void deps_failOnNone_exitsZeroButStillReports() {
    assertThat(run("deps", "--sbom", SBOM.toString(), "--osv", osv.toString(), "--fail-on", "none"))
        .isZero();
    assertThat(out.toString()).contains("4 vulnerabilities: 4 critical");
  }

  @Test
  void deps_json_carriesEveryField() throws IOException {
    run("deps", "--sbom", SBOM.toString(), "--osv", osv.toString(), "--format", "json");
    JsonNode root = JSON.readTree(out.toString());
    assertThat(root.path("format").asText()).isEqualTo("armet-deps/1");
    assertThat(root.path("data").path("ageHours").asLong()).isBetween(23L, 25L);
    JsonNode log4j =
        Stream.of(JSON.treeToValue(root.path("findings"), JsonNode[].class))
            .filter(f -> f.path("package").asText().endsWith("log4j-core"))
            .findFirst()
            .orElseThrow();
    assertThat(log4j.path("ids").toString())
        .isEqualTo("[\"GHSA-jfh8-c2jp-5v3q\",\"CVE-2021-44228\"]");
    assertThat(log4j.path("severity").asText()).isEqualTo("critical");
    assertThat(log4j.path("smallestFixedVersion").asText()).isEqualTo("2.15.0");
    assertThat(log4j.path("fix").path("kind").asText()).isEqualTo("bump_direct");
    assertThat(log4j.path("suppressed").isNull()).isTrue();
  }

  @Test
  void deps_ignoreFile_suppressedShownWithReasonInEveryFormat() throws IOException {
    Path ignore =
        Files.writeString(
            dir.resolve("ignore"),
            """
        CVE-2021-44228 until 2999-01-01 because JndiLookup removed from the shipped jar
        GHSA-36p3-wjmg-h94x until 2020-01-01 because was a WAR once
        """);
    String[] base = {
      "deps", "--sbom", SBOM.toString(), "--osv", osv.toString(), "--ignore", ignore.toString()
    };
    assertThat(run(base)).isEqualTo(1);
    assertThat(out.toString())
        .contains(
            "suppressed (1):",
            "JndiLookup removed from the shipped jar",
            "expired suppression: GHSA-36p3-wjmg-h94x ended 2020-01-01");
    out.getBuffer().setLength(0);
    run(concat(base, "--format", "sarif"));
    JsonNode sarif = JSON.readTree(out.toString());
    assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.toString())
        .contains(
            "\"justification\":\"JndiLookup removed from the shipped jar (until 2999-01-01)\"");
    out.getBuffer().setLength(0);
    run(concat(base, "--format", "cyclonedx"));
    JsonNode bom = JSON.readTree(out.toString());
    assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
    JsonNode log4j =
        Stream.of(JSON.treeToValue(bom.path("vulnerabilities"), JsonNode[].class))
            .filter(v -> v.path("id").asText().equals("GHSA-jfh8-c2jp-5v3q"))
            .findFirst()
            .orElseThrow();
    assertThat(log4j.path("analysis").path("state").asText()).isEqualTo("not_affected");
    assertThat(log4j.path("analysis").path("detail").asText()).startsWith("JndiLookup removed");
  }

  @Test
  void deps_dataOlderThanMaxAge_exitsThree() throws IOException {
    stamp(Instant.now().minus(Duration.ofDays(40)));
    assertThat(run("deps", "--sbom", SBOM.toString(), "--osv", osv.toString())).isEqualTo(3);
    assertThat(err.toString()).contains("older than 30 days", "--max-age 41");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void deps_oldDataAcceptedByMaxAge_warnsAndAudits() throws IOException {
    stamp(Instant.now().minus(Duration.ofDays(40)));
    assertThat(run("deps", "--sbom", SBOM.toString(), "--osv", osv.toString(), "--max-age", "60"))
        .isEqualTo(1);
    assertThat(err.toString()).contains("warning: the OSV data is 40 days old");
  }

  @Test
  void deps_noData_exitsThreeAndSaysHowToGetIt() {
    assertThat(run("deps", "--sbom", SBOM.toString(), "--osv", dir.resolve("none").toString()))
        .isEqualTo(3);
    assertThat(err.toString()).contains("no OSV data at", "armet deps update");
  }

  @Test
  void deps_corruptRecord_namedAndTheRestAudited() throws IOException {
    Files.writeString(osv.resolve("GHSA-zzzz.json"), "{\"id\": ");
    assertThat(run("deps", "--sbom", SBOM.toString(), "--osv", osv.toString())).isEqualTo(1);
    assertThat(err.toString())
        .contains("skipped " + osv.resolve("GHSA-zzzz.json") + ": not a valid OSV record");
    assertThat(out.toString()).contains("GHSA-jfh8-c2jp-5v3q");
  }

  @Test
  void deps_badOptionValues_areUsageErrors() throws IOException {
    assertThat(run("deps", "--sbom", SBOM.toString(), "--osv", osv.toString(), "--format", "xml"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("--format must be text, json, sarif or cyclonedx; was 'xml'");
    assertThat(
            run("deps", "--sbom", SBOM.toString(), "--osv", osv.toString(), "--fail-on", "severe"))
        .isEqualTo(2);
    Path ignore = Files.writeString(dir.resolve("bad-ignore"), "CVE-2021-44228 forever\n");
    assertThat(
            run(
                "deps",
                "--sbom",
                SBOM.toString(),
                "--osv",
                osv.toString(),
                "--ignore",
                ignore.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains(ignore + ":1: expected");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void deps_sbomAndFatJarDisagree_saysSo() throws IOException {
    Path jar = dir.resolve("app.jar");
    try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
      zip.putNextEntry(
          new java.util.zip.ZipEntry(
              "META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties"));
      zip.write(
          "groupId=org.apache.logging.log4j\nartifactId=log4j-core\nversion=2.17.1\n".getBytes());
      zip.closeEntry();
    }
    run("deps", "--sbom", SBOM.toString(), "--jar", jar.toString(), "--osv", osv.toString());
    assertThat(err.toString())
        .contains("inventories disagree: org.apache.logging.log4j:log4j-core: 2.14.1 in sbom:");
  }

  static String[] concat(String[] a, String... b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }
}
