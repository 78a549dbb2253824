package dev.armet.internal.headers;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Per-request CSP nonces: 128 bits from {@link SecureRandom}, base64 (CSP3 §2.3.1 asks for at least
 * 128 bits, generated afresh for every response).
 */
public final class CspNonce {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getEncoder();

  private CspNonce() {}

  /** A fresh nonce. */
  public static String generate() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }
}
