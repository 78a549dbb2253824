package dev.armet.redis;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The rate-limit script's reply, read straight off the wire: its time (an integer; text from a
 * script of an earlier release), then the bulk values (previous states, next states, and with a
 * session key the hash's {@code d}, {@code e}, {@code n}) as bytes, null for nil. No list, no boxed
 * number and no String per value, as Lettuce's generic script output would make. One per command:
 * Lettuce fills it on its event loop, the waiting request thread reads it once the command
 * completed (the future's completion orders the two).
 */
final class ScriptReply extends CommandOutput<String, String, ScriptReply> {
  private static final byte[][] NONE = new byte[0][];

  private long time;
  private boolean timed;
  private boolean malformed;
  private byte[][] values = NONE;
  private int count;

  ScriptReply() {
    super(StringCodec.UTF8, null);
    output = this;
  }

  @Override
  public void multi(int size) {
    if (values == NONE && size > 1) {
      values = new byte[size - 1][];
    }
  }

  @Override
  public void set(long integer) {
    if (!timed) {
      time = integer;
      timed = true;
    } else {
      malformed = true; // only the time is an integer
      count++;
    }
  }

  @Override
  public void set(ByteBuffer bulk) {
    if (!timed) {
      timed = true;
      try {
        time = bulk == null ? 0 : Long.parseLong(StandardCharsets.US_ASCII.decode(bulk).toString());
      } catch (NumberFormatException e) {
        malformed = true;
      }
      malformed |= bulk == null;
      return;
    }
    if (count < values.length && bulk != null) {
      byte[] bytes = new byte[bulk.remaining()];
      bulk.get(bytes);
      values[count] = bytes;
    }
    count++;
  }

  /** The number of values in the reply, the time included; -1 if it is not the script's shape. */
  int size() {
    return malformed || !timed || count > values.length ? -1 : 1 + count;
  }

  /** Redis's time in microseconds (or the caller's, as the script was given it). */
  long time() {
    return time;
  }

  /** The {@code i}-th value after the time, null for nil. */
  byte[] value(int i) {
    return values[i];
  }

  /** The {@code i}-th value after the time as text, null for nil. */
  String text(int i) {
    return values[i] == null ? null : new String(values[i], StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "ScriptReply[size=" + size() + ", error=" + getError() + "]";
  }
}
