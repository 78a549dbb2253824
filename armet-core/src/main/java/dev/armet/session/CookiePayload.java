package dev.armet.session;

import dev.armet.internal.json.Json;
import dev.armet.internal.json.JsonException;
import dev.armet.internal.json.JsonLimits;
import dev.armet.internal.spi.TrustedRecords;
import dev.armet.spi.SessionRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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

  /**
   * The session, if the payload is well-formed and not expired at {@code now}: a record without a
   * store key (an empty one).
   */
  static @Nullable SessionRecord decode(String json, Instant now) {
    try {
      Object parsed = Json.parse(json, LIMITS);
      if (!(parsed instanceof Map)) {
        return null;
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
        return null;
      }
      Instant expiresAt = Instant.ofEpochSecond(((Number) e).longValue());
      if (!expiresAt.isAfter(now)) {
        return null;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> attributes = (Map<String, Object>) a;
      return TrustedRecords.ofChecked( // parsed JSON: JSON-shaped, and nothing else holds it
          "",
          (String) u,
          Instant.ofEpochMilli(((Number) c).longValue()),
          expiresAt,
          SessionRecord.FIRST_VERSION,
          attributes);
    } catch (JsonException | ArithmeticException | java.time.DateTimeException ex) {
      return null;
    }
  }
}
