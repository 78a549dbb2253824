package dev.armet.csrf;

import dev.armet.cookie.RequestCookies;
import dev.armet.cookie.SetCookie;
import dev.armet.keys.TokenContents;
import dev.armet.keys.TokenSigner;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The two CSRF cookies. The secret cookie ({@code __Host-csrf}, or {@code csrf} on plain HTTP in
 * development) is HttpOnly and signed, and carries the pre-session secret. The readable cookie
 * (single-page apps only) carries a masked token that page script echoes in a header.
 */
final class CsrfCookies {
  /** Only the first few cookies of the name are tried: bounded work per request. */
  private static final int MAX_CANDIDATES = 3;

  private final SetCookie secureSecret;
  private final SetCookie plainSecret;
  private final @Nullable SetCookie secureReadable;
  private final @Nullable SetCookie plainReadable;
  private final TokenSigner signer;

  CsrfCookies(boolean production, @Nullable String readableName, TokenSigner signer) {
    this.secureSecret = SetCookie.named("__Host-csrf", c -> c.secure(true));
    this.plainSecret = production ? secureSecret : SetCookie.named("csrf", c -> {});
    if (readableName == null) {
      this.secureReadable = null;
      this.plainReadable = null;
    } else {
      this.secureReadable = SetCookie.named(readableName, c -> c.secure(true).httpOnly(false));
      boolean prefixed =
          readableName.regionMatches(true, 0, "__Host-", 0, 7)
              || readableName.regionMatches(true, 0, "__Secure-", 0, 9);
      this.plainReadable =
          production || prefixed
              ? secureReadable
              : SetCookie.named(readableName, c -> c.httpOnly(false));
    }
    this.signer = signer;
  }

  String secretName(boolean secure) {
    return (secure ? secureSecret : plainSecret).name();
  }

  /**
   * The first secret cookie whose signature verifies, or null; {@link TokenContents#primaryKey()}
   * says whether it must be re-issued under the current key.
   */
  @Nullable TokenContents readSecret(RequestCookies cookies, boolean secure) {
    String name = secretName(secure);
    List<String> values = cookies.all(name);
    for (int i = 0; i < values.size() && i < MAX_CANDIDATES; i++) {
      TokenContents found = signer.verify(values.get(i), name).orElse(null);
      if (found != null && found.payload().length == TokenMasking.SECRET_BYTES) {
        return found;
      }
    }
    return null;
  }

  String secretHeader(byte[] secret, boolean secure) {
    SetCookie cookie = secure ? secureSecret : plainSecret;
    return cookie.header(signer.sign(secret, cookie.name()));
  }

  boolean hasReadable() {
    return secureReadable != null;
  }

  String readableName(boolean secure) {
    return Objects.requireNonNull(secure ? secureReadable : plainReadable, "readable").name();
  }

  String readableHeader(String maskedToken, boolean secure) {
    return Objects.requireNonNull(secure ? secureReadable : plainReadable, "readable")
        .header(maskedToken);
  }
}
