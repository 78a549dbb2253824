package dev.armet.internal.json;

/**
 * Input that is not JSON, or JSON outside the configured {@link JsonLimits}. The message says what
 * was wrong and at which character offset; it never echoes the input itself.
 */
public final class JsonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int offset;

  JsonException(String message, int offset) {
    super(message + " at offset " + offset);
    this.offset = offset;
  }

  /** The character offset in the input where parsing stopped. */
  public int offset() {
    return offset;
  }
}
