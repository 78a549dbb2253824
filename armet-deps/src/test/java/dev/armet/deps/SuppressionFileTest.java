package dev.armet.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SuppressionFileTest {
  @Test
  void read_documentedFormat_givesEachSuppression(@TempDir Path dir) throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("armet-deps-ignore"),
            """
        # reviewed 2026-12-01
        CVE-2021-44228  org.apache.logging.log4j:log4j-core until 2027-01-31 because JndiLookup.class removed

        GHSA-36p3-wjmg-h94x until 2026-12-31 because runs as a Boot jar, not a WAR on Tomcat
        """);
    assertThat(SuppressionFile.read(f))
        .containsExactly(
            new Suppression(
                "CVE-2021-44228",
                Optional.of("org.apache.logging.log4j:log4j-core"),
                LocalDate.parse("2027-01-31"),
                "JndiLookup.class removed"),
            new Suppression(
                "GHSA-36p3-wjmg-h94x",
                Optional.empty(),
                LocalDate.parse("2026-12-31"),
                "runs as a Boot jar, not a WAR on Tomcat"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CVE-2021-44228",
        "CVE-2021-44228 because no date",
        "CVE-2021-44228 until 2027-01-31",
        "CVE-2021-44228 until never because forever"
      })
  void read_lineWithoutExpiryOrReason_isRefusedWithFileAndLine(String line, @TempDir Path dir)
      throws IOException {
    Path f = Files.writeString(dir.resolve("ignore"), "# first\n" + line + "\n");
    assertThatThrownBy(() -> SuppressionFile.read(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(f + ":2");
  }

  @Test
  void expiredOn_dayAfterExpiry_isExpired() {
    Suppression s = new Suppression("X", Optional.empty(), LocalDate.parse("2026-12-01"), "r");
    assertThat(s.expiredOn(LocalDate.parse("2026-12-01"))).isFalse();
    assertThat(s.expiredOn(LocalDate.parse("2026-12-02"))).isTrue();
    assertThat(s.covers(List.of("X"), "a:b")).isTrue();
  }

  @Test
  void read_openVex_notAffectedStatementsForNinetyDays(@TempDir Path dir) throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("vex.json"),
            """
        {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/1",
         "author": "security@example.com", "timestamp": "2026-11-01T10:00:00Z", "version": 1,
         "statements": [
          {"vulnerability": {"name": "CVE-2021-44228"},
           "products": [{"@id": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}],
           "status": "not_affected", "justification": "vulnerable_code_not_present",
           "impact_statement": "JndiLookup.class removed from the shipped jar", "timestamp": "2026-11-20T00:00:00Z"},
          {"vulnerability": {"name": "CVE-2022-22965"}, "products": [{"@id": "pkg:maven/org.springframework/spring-beans"}],
           "status": "affected"}
         ]}
        """);
    assertThat(SuppressionFile.read(f))
        .containsExactly(
            new Suppression(
                "CVE-2021-44228",
                Optional.of("org.apache.logging.log4j:log4j-core"),
                LocalDate.parse("2027-02-18"),
                "JndiLookup.class removed from the shipped jar"));
  }

  @Test
  void read_jsonThatIsNotOpenVex_isRefused(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("x.json"), "{\"statements\": []}");
    assertThatThrownBy(() -> SuppressionFile.read(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OpenVEX");
  }
}
