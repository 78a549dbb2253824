package dev.armet.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options, grades and baselines refuse bad input with the option, the value and the bound. */
class AuditOptionsTest {
  @TempDir Path dir;

  @Test
  void builder_badValues_refusedWithTheReason() {
    AuditOptions.Builder b = AuditOptions.builder();
    assertThatThrownBy(() -> b.timeout(Duration.ZERO))
        .hasMessageContaining("timeout must be between");
    assertThatThrownBy(() -> b.maxRequests(4)).hasMessageContaining("between 5 and 1000, was 4");
    assertThatThrownBy(() -> b.header("X-A: a\r\nInjected: 1")).hasMessageContaining("line break");
    assertThatThrownBy(() -> b.header("Host: evil")).hasMessageContaining("--resolve");
    assertThatThrownBy(() -> b.resolve("host:99999:127.0.0.1"))
        .hasMessageContaining("port 1-65535");
    assertThatThrownBy(() -> b.resolve("host:443:not-an-ip")).hasMessageContaining("IP address");
    assertThatThrownBy(() -> b.loginProbe("login", "u")).hasMessageContaining("starting with '/'");
    assertThatThrownBy(() -> Audit.of("ftp://x/", AuditOptions.defaults()))
        .hasMessageContaining("http or https");
    assertThatThrownBy(() -> Audit.of("https://user:pw@x/", AuditOptions.defaults()))
        .hasMessageContaining("user info");
  }

  @Test
  void resolve_hostAndPort_mapsToTheAddress_caseInsensitively() throws Exception {
    AuditOptions o =
        AuditOptions.of(
            b -> b.resolve("App.Internal:8443:127.0.0.2").resolve("v6.internal:443:[::1]"));
    assertThat(o.resolved("app.internal", 8443)).contains(InetAddress.getByName("127.0.0.2"));
    assertThat(o.resolved("app.internal", 443)).isEmpty();
    assertThat(o.resolved("v6.internal", 443)).contains(InetAddress.getByName("::1"));
  }

  @Test
  void grade_chartAndParsing_followTheObservatory() {
    assertThat(Grade.forScore(135)).isEqualTo("A+");
    assertThat(Grade.forScore(99)).isEqualTo("A");
    assertThat(Grade.forScore(85)).isEqualTo("A-");
    assertThat(Grade.forScore(64)).isEqualTo("C+");
    assertThat(Grade.forScore(-20)).isEqualTo("F");
    assertThat(Grade.parse(" a+ ")).isEqualTo("A+");
    assertThat(Grade.atLeast("A", "B+")).isTrue();
    assertThat(Grade.atLeast("B", "B+")).isFalse();
    assertThatThrownBy(() -> Grade.parse("E")).hasMessageContaining("grade must be one of");
  }

  @Test
  void baseline_acceptedUnexpired_isHidden_expiredIsReported_andGradeRecomputed() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("b.json"),
            """
        {"accepted": [
          {"id": "server-version", "reason": "proxy we do not own", "expires": "2999-12-31"},
          {"id": "coep-missing", "url": "https://other.test/", "reason": "elsewhere", "expires": "2999-12-31"},
          {"id": "cookie-no-samesite:a", "reason": "old", "expires": "2001-01-01"}
        ]}""");
    Report r =
        new Report(
            "https://example.test/",
            "C",
            50,
            new ObservatoryScore("A", 90, 4, Map.of()),
            List.of(
                new Finding("server-version", Severity.HIGH, "t", "e", "f"),
                new Finding("coep-missing", Severity.INFO, "t", "e", "f"),
                new Finding("cookie-no-samesite:a", Severity.LOW, "t", "e", "f")),
            TlsSummary.none(),
            3,
            "unknown");
    Report applied = Baseline.read(file).apply(r, LocalDate.of(2026, 12, 2));
    assertThat(applied.findings())
        .extracting(Finding::id)
        .containsExactly(
            "coep-missing", "cookie-no-samesite:a", "baseline-expired:cookie-no-samesite:a");
    assertThat(applied.score()).isEqualTo(87);
  }

  @Test
  void baseline_badFile_namesTheEntryAndField() throws Exception {
    Path noArray = Files.writeString(dir.resolve("a.json"), "{}");
    Path badDate =
        Files.writeString(
            dir.resolve("d.json"),
            "{\"accepted\":[{\"id\":\"x\",\"reason\":\"r\",\"expires\":\"soon\"}]}");
    Path notJson = Files.writeString(dir.resolve("n.json"), "accepted: x");
    assertThatThrownBy(() -> Baseline.read(noArray))
        .hasMessageContaining("needs an \"accepted\" array");
    assertThatThrownBy(() -> Baseline.read(badDate))
        .hasMessageContaining("entry 0: expires must be YYYY-MM-DD");
    assertThatThrownBy(() -> Baseline.read(notJson)).hasMessageContaining("is not JSON");
    assertThat(Baseline.of(List.of()).accepted()).isEmpty();
  }
}
