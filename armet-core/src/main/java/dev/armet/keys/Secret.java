package dev.armet.keys;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Secret key material. A {@code Secret} never shows its value: {@link #toString()} is redacted,
 * {@code equals} is identity, and nothing in Armet logs it. Only {@link Keyring} reads the bytes,
 * to derive purpose-bound keys.
 *
 * <pre>{@code
 * Secret secret = Secret.of(System.getenv("MY_SECRET"));
 * Keyring ring = Keyring.builder().secret(secret).build();
 * }</pre>
 */
public final class Secret {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] bytes;
  private final int estimatedBits;
  private final boolean wellKnown;
  private final String structure;

  private Secret(byte[] bytes, int estimatedBits, boolean wellKnown, String structure) {
    this.bytes = bytes;
    this.estimatedBits = estimatedBits;
    this.wellKnown = wellKnown;
    this.structure = structure;
  }

  /**
   * A secret from text (UTF-8), e.g. the output of {@link Secrets#generate()}. Surrounding
   * whitespace is removed. Strength is checked by the {@link Keyring} builder, not here.
   */
  public static Secret of(String text) {
    Objects.requireNonNull(text, "secret");
    String t = text.strip();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    EntropyEstimate.Estimate e = EntropyEstimate.of(t);
    return new Secret(
        t.getBytes(StandardCharsets.UTF_8), e.bits, EntropyEstimate.isWellKnown(t), e.structure);
  }

  /** 32 fresh bytes from {@link SecureRandom}. */
  public static Secret random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return new Secret(b, 256, false, "");
  }

  /**
   * A conservative estimate of the entropy, in bits (256 for {@link #random()}): the smaller of
   * what its characters and what its structure (repetition, sequences, common words) are worth.
   */
  public int estimatedEntropyBits() {
    return estimatedBits;
  }

  /** Whether this is a published example secret such as {@code keyboard cat}. */
  public boolean isWellKnown() {
    return wellKnown;
  }

  /**
   * What structure lowered {@link #estimatedEntropyBits()} (e.g. "repetition and a common word"),
   * or empty: named for the refusal message, never the secret's text.
   */
  String structure() {
    return structure;
  }

  byte[] bytes() {
    return Arrays.copyOf(bytes, bytes.length);
  }

  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
