package dev.armet.ratelimit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitPolicyTest {
  @Test
  void name_invalid_saysPatternAndValue() {
    assertThatThrownBy(() -> RateLimitPolicy.builder("Bad Name"))
        .hasMessage(
            "rate limit policy name must match [a-z][a-z0-9_.-]{0,31} (it appears in headers and store keys), was 'Bad Name'");
  }

  @Test
  void build_withoutAlgorithm_saysWhatToCall() {
    assertThatThrownBy(() -> RateLimitPolicy.builder("p").build())
        .hasMessage(
            "policy 'p' needs an algorithm: call tokenBucket(capacity, refill, period) or fixedWindow(limit, window)");
  }

  @Test
  void limits_outOfRange_sayKeyValueAndBound() {
    assertThatThrownBy(() -> RateLimitPolicy.fixedWindow("p", 0, Duration.ofMinutes(1)))
        .hasMessage("policy 'p': limit must be between 1 and 1000000000, was 0");
    assertThatThrownBy(() -> RateLimitPolicy.fixedWindow("p", 1, Duration.ofSeconds(-1)))
        .hasMessage("policy 'p': window must be more than 0 and at most 366 days, was PT-1S");
    assertThatThrownBy(
            () -> RateLimitPolicy.builder("p").tokenBucket(10, 10_000_000, Duration.ofSeconds(1)))
        .hasMessageContaining("faster than one token per microsecond");
    assertThatThrownBy(
            () -> RateLimitPolicy.builder("p").tokenBucket(1_000_000, 1, Duration.ofDays(1)))
        .hasMessage(
            "policy 'p': an empty bucket of 1000000 refilling 1 per PT24H takes more than 366 days"
                + " to refill; use a smaller capacity or a faster refill");
  }
}
