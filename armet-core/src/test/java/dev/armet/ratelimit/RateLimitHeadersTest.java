package dev.armet.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.internal.ratelimit.RateLimitHeaders;
import dev.armet.spi.RateLimitStore;
import dev.armet.testing.MutableClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {
  final MutableClock clock = new MutableClock();
  final RateLimitStore store = InMemoryRateLimitStore.create();

  RateLimiter limiter(RateLimitPolicy p) {
    return RateLimiter.builder(p).store(store).clock(clock).events(e -> {}).build();
  }

  @Test
  void refused_writesRetryAfterAndStructuredFields() {
    RateLimiter l = limiter(RateLimitPolicy.fixedWindow("api", 2, Duration.ofMinutes(1)));
    l.consume("k", 2);
    clock.advance(Duration.ofMillis(17_200));
    Map<String, String> h = new LinkedHashMap<>();
    RateLimitHeaders.write(l.consume("k"), true, h::put);
    assertThat(h)
        .containsExactly(
            Map.entry("Retry-After", "43"),
            Map.entry("RateLimit-Policy", "api;q=2;w=60"),
            Map.entry("RateLimit", "api;r=0;t=43"));
  }

  @Test
  void allowed_onlyWhenAsked_onePerPolicy() {
    RateLimiter a = limiter(RateLimitPolicy.tokenBucket("burst", 10, Duration.ofSeconds(10)));
    RateLimiter b = limiter(RateLimitPolicy.fixedWindow("daily", 1000, Duration.ofDays(1)));
    RateLimitDecision d = RateLimiter.consumeAll(1, a.on("k"), b.on("k"));
    Map<String, String> none = new LinkedHashMap<>();
    RateLimitHeaders.write(d, false, none::put);
    assertThat(none).isEmpty();
    Map<String, String> h = new LinkedHashMap<>();
    RateLimitHeaders.write(d, true, h::put);
    assertThat(h)
        .containsExactly(
            Map.entry("RateLimit-Policy", "burst;q=10;w=10, daily;q=1000;w=86400"),
            Map.entry("RateLimit", "burst;r=9;t=1, daily;r=999;t=86400"));
  }
}
