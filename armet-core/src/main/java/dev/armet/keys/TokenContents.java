package dev.armet.keys;

import java.util.Arrays;

/**
 * The payload of a token that verified (or opened), and whether the primary key made it. A token
 * made by an older key is valid; re-issue it so it moves to the current key.
 */
public final class TokenContents {
  private final byte[] payload;
  private final boolean primaryKey;

  TokenContents(byte[] payload, boolean primaryKey) {
    this.payload = payload;
    this.primaryKey = primaryKey;
  }

  /** The authenticated payload (a copy). */
  public byte[] payload() {
    return Arrays.copyOf(payload, payload.length);
  }

  /** True if the keyring's current (first) key made this token. */
  public boolean primaryKey() {
    return primaryKey;
  }
}
