package dev.armet.server;

import java.time.Duration;

/**
 * The request limits: each refused with a short 4xx from Armet's error pages, never a stack trace.
 * Defaults suit a typical web application and API; raise them per need.
 *
 * <table>
 * <caption>Limits and defaults</caption>
 * <tr><th>limit</th><th>default</th><th>answer</th></tr>
 * <tr><td>request line + headers</td><td>8 KiB</td><td>431 (414 for a long request line)</td></tr>
 * <tr><td>URI (path and query)</td><td>4 KiB</td><td>414</td></tr>
 * <tr><td>body</td><td>1 MiB</td><td>413</td></tr>
 * <tr><td>form fields, query parameters and multipart parts</td><td>1,000</td><td>400</td></tr>
 * <tr><td>one multipart part</td><td>1 MiB</td><td>400</td></tr>
 * <tr><td>time to send the request head</td><td>10 s</td><td>connection closed</td></tr>
 * <tr><td>time to send the request body</td><td>60 s</td><td>408, connection closed</td></tr>
 * <tr><td>idle connection</td><td>30 s</td><td>connection closed</td></tr>
 * <tr><td>open connections</td><td>4,096</td><td>new connections wait in the backlog</td></tr>
 * </table>
 *
 * <pre>{@code
 * c.limits(l -> l.maxBodyBytes(10 * 1024 * 1024).idleTimeout(Duration.ofSeconds(60)))
 * }</pre>
 */
public final class RequestLimits {
  private final int maxRequestHeaderBytes;
  private final int maxUriBytes;
  private final long maxBodyBytes;
  private final int maxParameters;
  private final long maxPartBytes;
  private final Duration headerTimeout;
  private final Duration bodyTimeout;
  private final Duration idleTimeout;
  private final int maxConnections;

  private RequestLimits(Builder b) {
    this.maxRequestHeaderBytes = b.maxRequestHeaderBytes;
    this.maxUriBytes = b.maxUriBytes;
    this.maxBodyBytes = b.maxBodyBytes;
    this.maxParameters = b.maxParameters;
    this.maxPartBytes = b.maxPartBytes;
    this.headerTimeout = b.headerTimeout;
    this.bodyTimeout = b.bodyTimeout;
    this.idleTimeout = b.idleTimeout;
    this.maxConnections = b.maxConnections;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static RequestLimits defaults() {
    return builder().build();
  }

  public int maxRequestHeaderBytes() {
    return maxRequestHeaderBytes;
  }

  public int maxUriBytes() {
    return maxUriBytes;
  }

  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  public int maxParameters() {
    return maxParameters;
  }

  public long maxPartBytes() {
    return maxPartBytes;
  }

  public Duration headerTimeout() {
    return headerTimeout;
  }

  /** Time a client has to send a whole request body (slow POST); 408 beyond. */
  public Duration bodyTimeout() {
    return bodyTimeout;
  }

  public Duration idleTimeout() {
    return idleTimeout;
  }

  public int maxConnections() {
    return maxConnections;
  }

  @Override
  public String toString() {
    return "header "
        + maxRequestHeaderBytes
        + " B, URI "
        + maxUriBytes
        + " B, body "
        + maxBodyBytes
        + " B, "
        + maxParameters
        + " parameters, part "
        + maxPartBytes
        + " B, head within "
        + headerTimeout.toMillis()
        + " ms, body within "
        + bodyTimeout.toMillis()
        + " ms, idle "
        + idleTimeout.toMillis()
        + " ms, "
        + maxConnections
        + " connections";
  }

  /** Builds {@link RequestLimits}; every value is checked in {@link #build()}. */
  public static final class Builder {
    private int maxRequestHeaderBytes = 8 * 1024;
    private int maxUriBytes = 4 * 1024;
    private long maxBodyBytes = 1024 * 1024;
    private int maxParameters = 1000;
    private long maxPartBytes = 1024 * 1024;
    private Duration headerTimeout = Duration.ofSeconds(10);
    private Duration bodyTimeout = Duration.ofSeconds(60);
    private Duration idleTimeout = Duration.ofSeconds(30);
    private int maxConnections = 4096;

    private Builder() {}

    /** Request line plus headers (1 KiB to 64 KiB; default 8 KiB). */
    public Builder maxRequestHeaderBytes(int bytes) {
      this.maxRequestHeaderBytes = bytes;
      return this;
    }

    /** Path and query as sent (256 B to 64 KiB, at most the header limit; default 4 KiB). */
    public Builder maxUriBytes(int bytes) {
      this.maxUriBytes = bytes;
      return this;
    }

    /** Request body, any method and encoding (0 to 4 GiB; default 1 MiB). */
    public Builder maxBodyBytes(long bytes) {
      this.maxBodyBytes = bytes;
      return this;
    }

    /** Form fields, query parameters and multipart parts, each (1 to 100,000; default 1,000). */
    public Builder maxParameters(int count) {
      this.maxParameters = count;
      return this;
    }

    /** One multipart part (1 B to the body limit; default 1 MiB). */
    public Builder maxPartBytes(long bytes) {
      this.maxPartBytes = bytes;
      return this;
    }

    /**
     * Time a client has to send a whole request head, against slowloris (1 s to 5 min; default 10
     * s).
     */
    public Builder headerTimeout(Duration timeout) {
      this.headerTimeout = timeout;
      return this;
    }

    /**
     * Time a client has to send a whole request body, against slow POST (1 s to 1 h; default 60 s,
     * which a 1 MiB body meets at 18 KB/s); 408 and a closed connection beyond.
     */
    public Builder bodyTimeout(Duration timeout) {
      this.bodyTimeout = timeout;
      return this;
    }

    /** A connection with no traffic for this long is closed (1 s to 1 h; default 30 s). */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = timeout;
      return this;
    }

    /** Open connections across both ports (1 to 1,000,000; default 4,096). */
    public Builder maxConnections(int count) {
      this.maxConnections = count;
      return this;
    }

    public RequestLimits build() {
      check("limits.max-header-bytes", maxRequestHeaderBytes, 1024, 64 * 1024);
      check("limits.max-uri-bytes", maxUriBytes, 256, maxRequestHeaderBytes);
      check("limits.max-body-bytes", maxBodyBytes, 0, 4L * 1024 * 1024 * 1024);
      check("limits.max-parameters", maxParameters, 1, 100_000);
      check("limits.max-part-bytes", maxPartBytes, 1, Math.max(1, maxBodyBytes));
      check("limits.header-timeout", headerTimeout, Duration.ofSeconds(1), Duration.ofMinutes(5));
      check("limits.body-timeout", bodyTimeout, Duration.ofSeconds(1), Duration.ofHours(1));
      check("limits.idle-timeout", idleTimeout, Duration.ofSeconds(1), Duration.ofHours(1));
      check("limits.max-connections", maxConnections, 1, 1_000_000);
      return new RequestLimits(this);
    }

    private static void check(String key, long value, long min, long max) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            key + " must be between " + min + " and " + max + ", was " + value);
      }
    }

    private static void check(String key, Duration value, Duration min, Duration max) {
      if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw new IllegalArgumentException(
            key
                + " must be between "
                + min.toMillis()
                + "ms and "
                + max.toMillis()
                + "ms, was "
                + (value == null ? "null" : value.toMillis() + "ms"));
      }
    }
  }
}
