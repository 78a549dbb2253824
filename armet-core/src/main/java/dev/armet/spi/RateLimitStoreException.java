package dev.armet.spi;

/**
 * A store could not decide in time (timeout, lost connection, bad reply). The limiter then follows
 * its {@link dev.armet.ratelimit.StoreFailurePolicy}; the client never sees this message.
 */
public class RateLimitStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RateLimitStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public RateLimitStoreException(String message) {
    super(message);
  }
}
