package dev.armet.internal.server.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.check.Finding;
import dev.armet.check.Severity;
import dev.armet.server.acme.AcmeConfig;
import dev.armet.server.acme.AcmeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What armet doctor says about ACME, read from the data folder. */
class AcmeSelfCheckTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private final AcmeConfig config =
      AcmeConfig.builder().domains("example.com").acceptTerms(true).build();

  @TempDir Path data;

  @Test
  void noCertificateYet_isInformation_notAnError() {
    assertThat(check()).extracting(Finding::severity).containsOnly(Severity.INFO);
  }

  @Test
  void validCertificate_isInformation_andItsFilesAreOwnerOnly() throws Exception {
    AcmeStore store = AcmeStore.in(data, config.directory());
    store.save(
        AcmeTestCertificates.valid(NOW.minus(Duration.ofDays(10)), Duration.ofDays(90), null));
    assertThat(check()).extracting(Finding::severity).containsOnly(Severity.INFO);
    for (String f : List.of(AcmeStore.CERTIFICATE, AcmeStore.CERTIFICATE_KEY)) {
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(store.folder().resolve(f))))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void failures_areWarnings_andErrorsOnceTheCertificateIsAboutToExpire() throws Exception {
    AcmeStore store = AcmeStore.in(data, config.directory());
    store.save(
        AcmeTestCertificates.valid(NOW.minus(Duration.ofDays(10)), Duration.ofDays(90), null));
    store.saveStatus(new AcmeStatus(1, NOW, "the CA refused: rateLimited", NOW.plusSeconds(600)));
    assertThat(check())
        .filteredOn(f -> f.severity() == Severity.WARNING)
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("1 failed order(s)", "rateLimited"));

    store.save(
        AcmeTestCertificates.valid(NOW.minus(Duration.ofDays(85)), Duration.ofDays(90), null));
    assertThat(check()).extracting(Finding::severity).contains(Severity.ERROR);
  }

  @Test
  void expiredCertificate_isAnError() throws Exception {
    AcmeStore.in(data, config.directory())
        .save(
            AcmeTestCertificates.valid(NOW.minus(Duration.ofDays(100)), Duration.ofDays(90), null));
    assertThat(check())
        .filteredOn(f -> f.severity() == Severity.ERROR)
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("expired"));
  }

  private List<Finding> check() {
    return AcmeSelfCheck.check(config, data, Duration.ofDays(14), Clock.fixed(NOW, ZoneOffset.UTC));
  }
}
