package dev.armet.internal.server.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** When to renew, and how long to wait after failures. */
class RenewalPolicyTest {
  private final RenewalPolicy policy =
      new RenewalPolicy(Duration.ofMinutes(5), Duration.ofDays(1), new SplittableRandom(7));

  @Test
  void renewalTime_withoutAri_isTwoThirdsOfTheLifetime() throws Exception {
    StoredCertificate c =
        AcmeTestCertificates.valid(
            Instant.parse("2026-01-01T00:00:00Z"), Duration.ofDays(90), null);
    assertThat(policy.renewalTime(c)).isEqualTo(Instant.parse("2026-03-02T00:00:00Z")); // day 60
  }

  @Test
  void renewalTime_withAriWindow_isInsideTheWindow() throws Exception {
    Instant start = Instant.parse("2026-02-20T00:00:00Z");
    Instant end = Instant.parse("2026-02-22T00:00:00Z");
    StoredCertificate c =
        AcmeTestCertificates.valid(
            Instant.parse("2026-01-01T00:00:00Z"), Duration.ofDays(90), List.of(start, end));
    for (int i = 0; i < 100; i++) {
      assertThat(policy.renewalTime(c)).isBetween(start, end);
    }
  }

  @Test
  void backoff_doublesPerFailure_withJitterInTheUpperHalf_upToTheMaximum() {
    for (int failures = 1; failures <= 12; failures++) {
      Duration step = Duration.ofMinutes(5).multipliedBy(1L << (failures - 1));
      if (step.compareTo(Duration.ofDays(1)) > 0) {
        step = Duration.ofDays(1);
      }
      for (int i = 0; i < 50; i++) {
        assertThat(policy.backoff(failures, null)).isBetween(step.dividedBy(2), step);
      }
    }
    assertThat(policy.backoff(Integer.MAX_VALUE, null)).isLessThanOrEqualTo(Duration.ofDays(1));
  }

  @Test
  void backoff_neverComesBeforeTheCasRetryAfter() {
    assertThat(policy.backoff(1, Duration.ofHours(3))).isEqualTo(Duration.ofHours(3));
    assertThat(policy.backoff(1, Duration.ofDays(30))).isEqualTo(Duration.ofDays(7));
    assertThat(policy.backoff(1, Duration.ofSeconds(1)))
        .isGreaterThanOrEqualTo(Duration.ofMinutes(2));
  }
}
