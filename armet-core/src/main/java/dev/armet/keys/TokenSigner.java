package dev.armet.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import org.jspecify.annotations.Nullable;

/**
 * Signs and verifies tokens with HMAC-SHA256 under one purpose of a {@link Keyring}. A token is
 * {@code keyId.payload.mac} (base64url): readable, not secret, but impossible to alter. The MAC
 * covers a caller-chosen context (e.g. the cookie name), so a token made for one cookie does not
 * verify as another. The primary key signs; any key of the ring verifies, picked by key id.
 * Comparison is constant time; every failure is the same empty answer.
 *
 * <pre>{@code
 * TokenSigner signer = keyring.signer("session-id");
 * String token = signer.sign(idBytes, "__Host-id");
 * Optional<TokenContents> ok = signer.verify(token, "__Host-id");
 * }</pre>
 */
public final class TokenSigner {
  private final Mac[] prototypes;
  private final String[] keyIds;
  private final Map<String, Integer> byKeyId;

  TokenSigner(Mac[] prototypes, String[] keyIds, Map<String, Integer> byKeyId) {
    this.prototypes = prototypes;
    this.keyIds = keyIds;
    this.byKeyId = byKeyId;
  }

  /** A token carrying {@code payload}, signed by the primary key and bound to {@code context}. */
  public String sign(byte @Nullable [] payload, String context) {
    String body = keyIds[0] + "." + TokenFormat.B64.encodeToString(payload);
    return body + "." + mac(0, body, context);
  }

  /** The payload if {@code token} was signed by a key of this ring for {@code context}. */
  public Optional<TokenContents> verify(String token, String context) {
    if (token == null
        || token.length() > TokenFormat.MAX_TOKEN_CHARS
        || token.length() < TokenFormat.KEY_ID_CHARS + 2) {
      return Optional.empty();
    }
    Integer key = byKeyId.get(token.substring(0, TokenFormat.KEY_ID_CHARS));
    int lastDot = token.lastIndexOf('.');
    if (key == null
        || token.charAt(TokenFormat.KEY_ID_CHARS) != '.'
        || lastDot <= TokenFormat.KEY_ID_CHARS) {
      return Optional.empty();
    }
    String body = token.substring(0, lastDot);
    byte[] expected = mac(key, body, context).getBytes(StandardCharsets.US_ASCII);
    byte[] actual = token.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII);
    // Comparing the encoded MACs also refuses non-canonical base64 spellings of a valid MAC.
    if (!MessageDigest.isEqual(expected, actual)) {
      return Optional.empty();
    }
    byte[] payload = TokenFormat.decode(token, TokenFormat.KEY_ID_CHARS + 1, lastDot);
    return payload == null ? Optional.empty() : Optional.of(new TokenContents(payload, key == 0));
  }

  private String mac(int key, String body, String context) {
    Mac mac = Keyring.copy(prototypes[key]);
    mac.update(TokenFormat.bind(context, keyIds[key]));
    mac.update(body.getBytes(StandardCharsets.US_ASCII));
    return TokenFormat.B64.encodeToString(mac.doFinal());
  }
}
