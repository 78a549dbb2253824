package dev.armet.ratelimit;

import dev.armet.spi.LimitRule;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A named limit: a token bucket (burst capacity, steady refill) or a fixed window, an optional
 * block once exceeded, and a dry-run switch for a safe rollout (decisions computed, headers sent,
 * refusals only logged).
 *
 * <pre>{@code
 * RateLimitPolicy api = RateLimitPolicy.builder("api")
 *     .tokenBucket(20, 10, Duration.ofSeconds(1))   // burst 20, 10 per second steady
 *     .blockDuration(Duration.ofMinutes(1))
 *     .build();
 * }</pre>
 */
public final class RateLimitPolicy {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,31}");
  private static final long MAX_MICROS = Duration.ofDays(366).toNanos() / 1000;

  private final LimitRule rule;

  private RateLimitPolicy(LimitRule rule) {
    this.rule = rule;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** {@code limit} points per {@code window}, as a fixed window. */
  public static RateLimitPolicy fixedWindow(String name, long limit, Duration window) {
    return builder(name).fixedWindow(limit, window).build();
  }

  /** A bucket of {@code capacity} that refills completely over {@code period}. */
  public static RateLimitPolicy tokenBucket(String name, long capacity, Duration period) {
    return builder(name).tokenBucket(capacity, capacity, period).build();
  }

  public String name() {
    return rule.name();
  }

  public LimitRule rule() {
    return rule;
  }

  public boolean dryRun() {
    return rule.dryRun();
  }

  /** Builds a policy; {@link #build} fails with the key, the value and the bound. */
  public static final class Builder {
    private final String name;
    private LimitRule.@Nullable Kind kind;
    private long limit;
    private long periodMicros;
    private long blockMicros;
    private boolean dryRun;

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "rate limit policy name must match "
                + NAME.pattern()
                + " (it appears in headers and store keys), was '"
                + name
                + "'");
      }
      this.name = name;
    }

    /** Burst {@code capacity}; {@code refill} tokens come back every {@code period}, evenly. */
    public Builder tokenBucket(long capacity, long refill, Duration period) {
      positive("capacity", capacity);
      positive("refill", refill);
      long micros = micros("period", period);
      if (micros / refill < 1) {
        throw new IllegalArgumentException(
            "policy '"
                + name
                + "': refill "
                + refill
                + " per "
                + period
                + " is faster than one token per microsecond; use a longer period");
      }
      if (capacity > MAX_MICROS / (micros / refill)) {
        throw new IllegalArgumentException(
            "policy '"
                + name
                + "': an empty bucket of "
                + capacity
                + " refilling "
                + refill
                + " per "
                + period
                + " takes more than 366 days to refill;"
                + " use a smaller capacity or a faster refill");
      }
      this.kind = LimitRule.Kind.TOKEN_BUCKET;
      this.limit = capacity;
      this.periodMicros = micros / refill;
      return this;
    }

    /** {@code limit} points per {@code window}, counted from a key's first request. */
    public Builder fixedWindow(long limit, Duration window) {
      positive("limit", limit);
      this.kind = LimitRule.Kind.FIXED_WINDOW;
      this.limit = limit;
      this.periodMicros = micros("window", window);
      return this;
    }

    /** After going over the limit, the key is refused for this long (default: not blocked). */
    public Builder blockDuration(Duration block) {
      this.blockMicros = block.isZero() ? 0 : micros("blockDuration", block);
      return this;
    }

    /** Compute and report, never refuse (default false). */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    public RateLimitPolicy build() {
      if (kind == null) {
        throw new IllegalArgumentException(
            "policy '"
                + name
                + "' needs an algorithm: call tokenBucket(capacity, refill, period) or fixedWindow(limit, window)");
      }
      return new RateLimitPolicy(
          LimitRule.of(name, kind, limit, periodMicros, blockMicros, dryRun));
    }

    private void positive(String key, long value) {
      if (value < 1 || value > 1_000_000_000L) {
        throw new IllegalArgumentException(
            "policy '" + name + "': " + key + " must be between 1 and 1000000000, was " + value);
      }
    }

    private long micros(String key, Duration d) {
      Objects.requireNonNull(d, key);
      if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(366)) > 0) {
        throw new IllegalArgumentException(
            "policy '"
                + name
                + "': "
                + key
                + " must be more than 0 and at most 366 days, was "
                + d);
      }
      return Math.max(1, d.toNanos() / 1000);
    }
  }
}
