package dev.armet.spi;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The persisted state of one key, with a format version so a rolling deploy can read the previous
 * format. Token bucket: {@code a} is the theoretical arrival time (µs). Fixed window: {@code a} is
 * the window start (µs) and {@code b} the points used. {@code blockedUntil} (µs) is shared. Byte
 * stores keep {@link #encode()}: version byte, then three big-endian longs.
 */
public final class LimitState {
  /** The format this code writes. */
  public static final byte VERSION = 1;

  static final int ENCODED_LENGTH = 25;

  final long a;
  final long b;
  final long blockedUntil;

  LimitState(long a, long b, long blockedUntil) {
    this.a = a;
    this.b = b;
    this.blockedUntil = blockedUntil;
  }

  /**
   * The state with these numbers: for a store that keeps them in its own form (the Redis script
   * keeps text) rather than {@link #encode()}'s bytes.
   */
  public static LimitState of(long a, long b, long blockedUntilMicros) {
    return new LimitState(a, b, blockedUntilMicros);
  }

  /** Token bucket: the theoretical arrival time (µs); fixed window: the window start (µs). */
  public long a() {
    return a;
  }

  /** Fixed window: the points used; token bucket: 0. */
  public long b() {
    return b;
  }

  /** Until when (µs since the epoch) the key is refused; 0 or past when it is not blocked. */
  public long blockedUntilMicros() {
    return blockedUntil;
  }

  public byte[] encode() {
    return ByteBuffer.allocate(ENCODED_LENGTH)
        .put(VERSION)
        .putLong(a)
        .putLong(b)
        .putLong(blockedUntil)
        .array();
  }

  /**
   * Reads an encoded state; null (the key counts as absent) for null or a format this version does
   * not know, so a record from a newer release never breaks an older one.
   */
  public static @Nullable LimitState decode(byte[] bytes) {
    if (bytes == null || bytes.length != ENCODED_LENGTH || bytes[0] != VERSION) {
      return null;
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 1, ENCODED_LENGTH - 1);
    return new LimitState(in.getLong(), in.getLong(), in.getLong());
  }

  @Override
  public String toString() {
    return "LimitState[v" + VERSION + " a=" + a + " b=" + b + " blockedUntil=" + blockedUntil + "]";
  }
}
