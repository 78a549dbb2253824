package dev.armet.headers;

import java.time.Duration;

/**
 * An immutable {@code Strict-Transport-Security} policy (RFC 6797). Sent on secure requests only: a
 * browser ignores it over plain HTTP (§8.1) and RFC 6797 §7.2 says not to send it there.
 *
 * <p>Default: {@code max-age=31536000; includeSubDomains} (one year, Helmet 8's default). {@code
 * preload} is refused unless {@code includeSubDomains} is on and {@code max-age} is at least a
 * year, the hstspreload.org submission rules.
 *
 * <pre>{@code
 * StrictTransportSecurity hsts = StrictTransportSecurity.of(Duration.ofDays(730), true, true);
 * }</pre>
 */
public final class StrictTransportSecurity {
  /** One year, in seconds. */
  public static final long ONE_YEAR = 31_536_000L;

  private static final StrictTransportSecurity DEFAULTS =
      new StrictTransportSecurity(ONE_YEAR, true, false);

  private final long maxAgeSeconds;
  private final boolean includeSubDomains;
  private final boolean preload;
  private final String value;

  private StrictTransportSecurity(long maxAgeSeconds, boolean includeSubDomains, boolean preload) {
    this.maxAgeSeconds = maxAgeSeconds;
    this.includeSubDomains = includeSubDomains;
    this.preload = preload;
    this.value =
        "max-age="
            + maxAgeSeconds
            + (includeSubDomains ? "; includeSubDomains" : "")
            + (preload ? "; preload" : "");
  }

  /** One year with {@code includeSubDomains}. */
  public static StrictTransportSecurity defaults() {
    return DEFAULTS;
  }

  /**
   * A policy with these settings.
   *
   * @throws IllegalArgumentException for a negative max-age, or {@code preload} without {@code
   *     includeSubDomains} and a max-age of at least a year
   */
  public static StrictTransportSecurity of(
      Duration maxAge, boolean includeSubDomains, boolean preload) {
    long seconds = maxAge.toSeconds();
    if (seconds < 0) {
      throw new IllegalArgumentException(
          "Strict-Transport-Security max-age must be >= 0, was " + seconds);
    }
    if (preload && (!includeSubDomains || seconds < ONE_YEAR)) {
      throw new IllegalArgumentException(
          "Strict-Transport-Security preload requires includeSubDomains "
              + "and max-age >= "
              + ONE_YEAR
              + " (one year), was includeSubDomains="
              + includeSubDomains
              + ", max-age="
              + seconds);
    }
    return new StrictTransportSecurity(seconds, includeSubDomains, preload);
  }

  public long maxAgeSeconds() {
    return maxAgeSeconds;
  }

  public boolean includeSubDomains() {
    return includeSubDomains;
  }

  public boolean preload() {
    return preload;
  }

  /** The header value. */
  @Override
  public String toString() {
    return value;
  }
}
