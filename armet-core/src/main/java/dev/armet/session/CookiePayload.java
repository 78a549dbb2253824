package dev.armet.session;

import dev.armet.internal.json.Json;
import dev.armet.internal.json.JsonException;
import dev.armet.internal.json.JsonLimits;
import dev.armet.spi.SessionRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The versioned JSON inside a cookie session: {@code {"v":1,"e":…,"c":…,"u":…,"a":{…}}}. */
final class CookiePayload {
  private static final int VERSION = 1;
  private static final JsonLimits LIMITS = JsonLimits.of(8192, 34, 8192);

  private CookiePayload() {}

  static String encode(Session s, Instant expiresAt) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("v", VERSION);
    m.put("e", expiresAt.getEpochSecond());
    m.put("c", s.created().toEpochMilli());
    m.put("u", s.user());
    m.put("a", s.attributes());
    return Json.write(m);
  }

  /** The state, if the payload is well-formed and not expired at {@code now}. */
  static Optional<SessionState> decode(String json, Instant now, boolean primaryKey) {
    try {
      Object parsed = Json.parse(json, LIMITS);
      if (!(parsed instanceof Map)) {
        return Optional.empty();
      }
      Map<?, ?> m = (Map<?, ?>) parsed;
      Object e = m.get("e");
      Object c = m.get("c");
      Object u = m.get("u");
      Object a = m.get("a");
      if (!Integer.valueOf(VERSION).equals(m.get("v"))
          || !(e instanceof Number)
          || !(c instanceof Number)
          || !(u == null || u instanceof String)
          || !(a instanceof Map)) {
        return Optional.empty();
      }
      Instant expiresAt = Instant.ofEpochSecond(((Number) e).longValue());
      if (!expiresAt.isAfter(now)) {
        return Optional.empty();
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> attributes = (Map<String, Object>) a;
      return Optional.of(
          new SessionState(
              null,
              null,
              (String) u,
              Instant.ofEpochMilli(((Number) c).longValue()),
              expiresAt,
              SessionRecord.FIRST_VERSION,
              attributes,
              primaryKey));
    } catch (JsonException | ArithmeticException | java.time.DateTimeException ex) {
      return Optional.empty();
    }
  }
}
