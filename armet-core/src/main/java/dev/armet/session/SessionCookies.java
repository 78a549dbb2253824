package dev.armet.session;

import dev.armet.cookie.SameSite;
import dev.armet.cookie.SetCookie;
import dev.armet.env.ArmetEnvironment;
import dev.armet.env.ProductionGate;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Picks the session cookie per request and checks it against the environment. With no cookie
 * configured: {@code __Host-<name>} (Secure) on HTTPS, {@code <name>} on plain HTTP in development
 * only; production always uses the {@code __Host-} cookie.
 */
final class SessionCookies {
  /** Platform defaults: they fingerprint the stack and collide with the container's session. */
  private static final Set<String> PLATFORM_NAMES =
      Set.of("jsessionid", "phpsessid", "connect.sid", "asp.net_sessionid", "cfid", "cftoken");

  final SetCookie secure;
  final SetCookie plain;

  private SessionCookies(SetCookie secure, SetCookie plain) {
    this.secure = secure;
    this.plain = plain;
  }

  static SessionCookies choose(
      @Nullable SetCookie configured,
      String baseName,
      ArmetEnvironment env,
      boolean crossSite,
      ProductionGate gate,
      String component) {
    String setting = component + ".cookie";
    if (configured == null) {
      SetCookie host = SetCookie.named("__Host-" + baseName, c -> c.secure(true));
      SetCookie plainCookie = env.isProduction() ? host : SetCookie.named(baseName, c -> {});
      return new SessionCookies(host, plainCookie);
    }
    String name = configured.name();
    if (PLATFORM_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
      gate.refuse(
          setting,
          "name '"
              + name
              + "' is a platform default: it tells attackers"
              + " the stack and collides with the container's own session",
          "remove cookie(…) to use the default __Host-" + baseName);
    }
    if (!configured.secure()) {
      gate.refuse(
          setting,
          "'" + name + "' is not Secure, so it can leak over plain HTTP",
          "call secure(true)");
    }
    if (!configured.httpOnly()) {
      gate.refuse(
          setting,
          "'" + name + "' is not HttpOnly, so any injected script can read" + " the session",
          "call httpOnly(true)");
    }
    if (configured.sameSite() == SameSite.NONE && !crossSite) {
      gate.refuse(
          setting,
          "'" + name + "' has SameSite=None, so it rides on cross-site" + " requests (CSRF)",
          "use SameSite.LAX, or call crossSiteCookie(true) if the app is"
              + " really embedded cross-site");
    }
    return new SessionCookies(configured, configured);
  }

  SetCookie forRequest(boolean secureRequest) {
    return secureRequest ? secure : plain;
  }
}
