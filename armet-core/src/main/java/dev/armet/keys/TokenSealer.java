package dev.armet.keys;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens tokens with AES-256-GCM under one purpose of a {@link Keyring}: the contents stay
 * private and cannot be altered. Each token gets a fresh 96-bit nonce from {@link SecureRandom};
 * the context (e.g. the cookie name) and key id are associated data, so a token moved to another
 * cookie does not open. A token is {@code keyId.base64url(nonce|ct|tag)}. Every failure is the same
 * empty answer. Random nonces keep collisions negligible up to about 2^32 tokens per key (NIST SP
 * 800-38D §8.3): rotate the primary key well before that.
 *
 * <pre>{@code
 * TokenSealer sealer = keyring.sealer("cookie-session");
 * String token = sealer.seal(json, "session");
 * Optional<TokenContents> ok = sealer.open(token, "session");
 * }</pre>
 */
public final class TokenSealer {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec[] keys;
  private final String[] keyIds;
  private final Map<String, Integer> byKeyId;

  TokenSealer(SecretKeySpec[] keys, String[] keyIds, Map<String, Integer> byKeyId) {
    this.keys = keys;
    this.keyIds = keyIds;
    this.byKeyId = byKeyId;
  }

  /** A token carrying {@code plaintext}, sealed by the primary key for {@code context}. */
  public String seal(byte[] plaintext, String context) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys[0], new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(TokenFormat.bind(context, keyIds[0]));
      byte[] out = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      cipher.doFinal(plaintext, 0, plaintext.length, out, NONCE_BYTES);
      return keyIds[0] + "." + TokenFormat.B64.encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable in this JDK", e);
    }
  }

  /** The plaintext if {@code token} was sealed by a key of this ring for {@code context}. */
  public Optional<TokenContents> open(String token, String context) {
    if (token == null
        || token.length() > TokenFormat.MAX_TOKEN_CHARS
        || token.length() < TokenFormat.KEY_ID_CHARS + 2
        || token.charAt(TokenFormat.KEY_ID_CHARS) != '.') {
      return Optional.empty();
    }
    Integer key = byKeyId.get(token.substring(0, TokenFormat.KEY_ID_CHARS));
    byte[] sealed =
        key == null
            ? null
            : TokenFormat.decode(token, TokenFormat.KEY_ID_CHARS + 1, token.length());
    if (sealed == null || sealed.length < NONCE_BYTES + TAG_BITS / 8) {
      return Optional.empty();
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      int k = Objects.requireNonNull(key); // sealed != null implies key != null
      cipher.init(
          Cipher.DECRYPT_MODE, keys[k], new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      cipher.updateAAD(TokenFormat.bind(context, keyIds[k]));
      byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
      return Optional.of(new TokenContents(plain, key == 0));
    } catch (GeneralSecurityException e) {
      return Optional.empty(); // a failed tag check; deliberately indistinguishable
    }
  }
}
