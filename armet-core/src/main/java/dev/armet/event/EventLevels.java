package dev.armet.event;

import java.lang.System.Logger.Level;
import java.util.Map;

/** The level of each event name, as {@code docs/EVENTS.md} lists it; WARNING when not listed. */
final class EventLevels {
  private static final Map<String, Level> LEVELS =
      Map.ofEntries(
          Map.entry("session_created", Level.INFO),
          Map.entry("session_renewed", Level.INFO),
          Map.entry("session_expired", Level.INFO),
          Map.entry("session_revoked", Level.INFO),
          Map.entry("session_revoked_all", Level.INFO),
          Map.entry("authn_login_success", Level.INFO),
          Map.entry("authn_password_change", Level.INFO),
          Map.entry("user_created", Level.INFO),
          Map.entry("user_deleted", Level.INFO),
          Map.entry("tls_certificate_issued", Level.INFO),
          Map.entry("tls_certificate_adopted", Level.INFO),
          Map.entry("sys_startup", Level.INFO),
          Map.entry("sys_shutdown", Level.INFO),
          Map.entry("excess_rate_limit_store_unavailable", Level.ERROR),
          Map.entry("tls_certificate_failed", Level.ERROR),
          Map.entry("tls_certificate_revoked", Level.ERROR),
          Map.entry("tls_certificate_unreadable", Level.ERROR));

  private EventLevels() {}

  static Level of(String type) {
    return LEVELS.getOrDefault(type, Level.WARNING);
  }

  /**
   * {@code INFO}, {@code WARN}, {@code ERROR} (or {@code DEBUG}, {@code TRACE}): as backends name
   * them.
   */
  static String name(Level level) {
    switch (level) {
      case WARNING:
        return "WARN";
      case ALL:
        return "TRACE";
      case OFF:
        return "ERROR";
      default:
        return level.name();
    }
  }
}
