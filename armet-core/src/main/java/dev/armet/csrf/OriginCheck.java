package dev.armet.csrf;

import dev.armet.http.Origin;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Layer 2: the request's {@code Origin} (or, without one, its {@code Referer}) must be this
 * server's own origin or an allowed one, scheme, host and port compared exactly (RFC 6454 §5).
 * {@code Origin: null} (sandboxed frames, some redirects, {@code data:} pages) is refused. With
 * neither header, as from old clients or a {@code Referrer-Policy: no-referrer} page, the token
 * layer decides. OWASP CSRF Prevention Cheat Sheet, "Verifying Origin With Standard Headers".
 */
final class OriginCheck {
  private final Set<Origin> allowed;

  OriginCheck(Set<Origin> allowed) {
    this.allowed = allowed;
  }

  /** The refusal, or null when the origin is trusted or no header states it. */
  @Nullable Refusal check(
      @Nullable String originHeader, @Nullable String referer, @Nullable Origin server) {
    if (originHeader != null) {
      String value = originHeader.trim();
      if (value.equals("null")) {
        return Refusal.ORIGIN_NULL;
      }
      return Origin.tryParse(value).filter(o -> trusts(o, server)).isPresent()
          ? null
          : Refusal.ORIGIN_MISMATCH;
    }
    if (referer != null && !referer.isBlank()) {
      return Origin.fromUrl(referer.trim()).filter(o -> trusts(o, server)).isPresent()
          ? null
          : Refusal.REFERER_MISMATCH;
    }
    return null;
  }

  /** Whether {@code originHeader} names an origin of the configured allow-list. */
  boolean allowListed(@Nullable String originHeader) {
    return originHeader != null
        && !allowed.isEmpty()
        && Origin.tryParse(originHeader.trim()).filter(allowed::contains).isPresent();
  }

  private boolean trusts(Origin origin, @Nullable Origin server) {
    return origin.equals(server) || allowed.contains(origin);
  }
}
