package dev.armet.redis;

/**
 * Redis could not answer a session operation in time (timeout, lost connection). Armet fails the
 * request (fail closed) rather than treat the client as anonymous; the message names the operation
 * only, never a key or the connection URI.
 */
public final class RedisStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RedisStoreException(String operation, Throwable cause) {
    super("Redis " + operation + " failed: " + cause.getClass().getSimpleName(), cause);
  }
}
