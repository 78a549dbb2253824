package dev.armet.internal.ratelimit;

import dev.armet.ratelimit.RateLimitDecision;
import dev.armet.spi.LimitStatus;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * Writes a decision as HTTP headers, per draft-ietf-httpapi-ratelimit-headers-10 (structured
 * fields, RFC 9651): {@code RateLimit-Policy: api;q=100;w=60} (quota and window, seconds) and
 * {@code RateLimit: api;r=0;t=42} (remaining and seconds until reset), one list member per policy.
 * The policy name is written as a Token, which every draft revision accepts (later ones also allow
 * a String); plus {@code Retry-After} (RFC 9110 §10.2.3, delay-seconds) when refused or
 * unavailable. For a token bucket, {@code w} is the time an empty bucket takes to refill. Seconds
 * round up, so a client that waits as told is not refused again.
 *
 * <pre>{@code
 * RateLimitHeaders.write(decision, true, response::setHeader);
 * }</pre>
 */
public final class RateLimitHeaders {
  public static final String POLICY = "RateLimit-Policy";
  public static final String RATE_LIMIT = "RateLimit";
  public static final String RETRY_AFTER = "Retry-After";

  private RateLimitHeaders() {}

  /**
   * Writes the headers of {@code decision}: {@code Retry-After} whenever it is not allowed, the
   * {@code RateLimit} pair when {@code rateLimitHeaders} is true.
   */
  public static void write(
      RateLimitDecision decision, boolean rateLimitHeaders, BiConsumer<String, String> setHeader) {
    if (!decision.isAllowed()) {
      setHeader.accept(RETRY_AFTER, Long.toString(Math.max(1, seconds(decision.retryAfter()))));
    }
    if (rateLimitHeaders && !decision.statuses().isEmpty()) {
      setHeader.accept(POLICY, policy(decision));
      setHeader.accept(RATE_LIMIT, current(decision));
    }
  }

  /** The {@code RateLimit-Policy} value. */
  public static String policy(RateLimitDecision decision) {
    StringBuilder out = new StringBuilder();
    for (LimitStatus s : decision.statuses()) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(s.policy())
          .append(";q=")
          .append(s.limit())
          .append(";w=")
          .append(Math.max(1, seconds(s.window())));
    }
    return out.toString();
  }

  /** The {@code RateLimit} value. */
  public static String current(RateLimitDecision decision) {
    StringBuilder out = new StringBuilder();
    for (LimitStatus s : decision.statuses()) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(s.policy())
          .append(";r=")
          .append(s.remaining())
          .append(";t=")
          .append(seconds(s.reset()));
    }
    return out.toString();
  }

  static long seconds(Duration d) {
    long s = d.getSeconds();
    return d.getNano() > 0 ? s + 1 : s;
  }
}
