package dev.armet.spi;

import dev.armet.internal.spi.LimitKernel;
import java.util.List;
import java.util.Objects;

/**
 * One limit as a store sees it: plain numbers, so a script store (Redis Lua) can run the same
 * arithmetic as {@link RateLimitCommand#apply} without Java. Built from a {@link
 * dev.armet.ratelimit.RateLimitPolicy}.
 */
public final class LimitRule {
  /** The algorithm. */
  public enum Kind {
    /**
     * GCRA token bucket: {@code limit} tokens of burst, one token back every {@code periodMicros}.
     */
    TOKEN_BUCKET,
    /** {@code limit} points per window of {@code periodMicros}, starting at the key's first use. */
    FIXED_WINDOW
  }

  static {
    LimitKernel.install(new InstalledLimitKernel()); // before any rule exists: see LimitKernel
  }

  private final String name;
  private final Kind kind;
  private final long limit;
  private final long periodMicros;
  private final long blockMicros;
  private final boolean dryRun;

  /** {@link #windowMicros()}, computed once. */
  private final long windowMicros;

  /** This rule as a one-element list, made once: a one-key command's rules (issue 18). */
  private final List<LimitRule> alone;

  private LimitRule(
      String name, Kind kind, long limit, long periodMicros, long blockMicros, boolean dryRun) {
    this.name = name;
    this.kind = kind;
    this.limit = limit;
    this.periodMicros = periodMicros;
    this.blockMicros = blockMicros;
    this.dryRun = dryRun;
    this.alone = List.of(this);
    this.windowMicros =
        kind == Kind.FIXED_WINDOW
            ? periodMicros
            : limit > Long.MAX_VALUE / periodMicros ? Long.MAX_VALUE : limit * periodMicros;
  }

  /**
   * A rule from plain numbers; {@code RateLimitPolicy} builds these, and a store's tests may too.
   *
   * @throws IllegalArgumentException if {@code limit} or {@code periodMicros} is below 1 or {@code
   *     blockMicros} is negative
   */
  public static LimitRule of(
      String name, Kind kind, long limit, long periodMicros, long blockMicros, boolean dryRun) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (limit < 1 || periodMicros < 1 || blockMicros < 0) {
      throw new IllegalArgumentException(
          "rule '"
              + name
              + "' needs limit >= 1, periodMicros >= 1 "
              + "and blockMicros >= 0; was "
              + limit
              + ", "
              + periodMicros
              + ", "
              + blockMicros);
    }
    return new LimitRule(name, kind, limit, periodMicros, blockMicros, dryRun);
  }

  /** The policy name, as the {@code RateLimit} headers show it. */
  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  /** Bucket capacity, or points per window. */
  public long limit() {
    return limit;
  }

  /** Micros per token (bucket) or window length (fixed window). */
  public long periodMicros() {
    return periodMicros;
  }

  /** How long a key stays blocked once it goes over the limit; 0 for not at all. */
  public long blockMicros() {
    return blockMicros;
  }

  /** A dry-run rule is evaluated and reported but never refuses. */
  public boolean dryRun() {
    return dryRun;
  }

  /** {@code List.of(this)}. */
  List<LimitRule> alone() {
    return alone;
  }

  /** Time for an empty bucket to refill, or the window length. */
  long windowMicros() {
    return windowMicros;
  }
}
