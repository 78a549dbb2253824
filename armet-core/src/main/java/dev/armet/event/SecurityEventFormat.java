package dev.armet.event;

import dev.armet.internal.event.LogText;
import dev.armet.internal.json.Json;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The two written forms of a {@link SecurityEvent}, one line each, with the common fields first
 * ({@code docs/EVENTS.md}): {@code datetime} (ISO 8601 with the offset, milliseconds), {@code
 * event}, {@code level}, {@code source_ip}, {@code request_uri}, then the event's own fields in the
 * order they were added. An own field that has a common field's name is written as {@code
 * field_<name>}. Untrusted text cannot break the line or forge a field: the text form quotes and
 * escapes values ({@link LogText}); the JSON form is one JSON object whose strings escape every
 * character a log reader could take as a line break.
 *
 * <pre>{@code
 * datetime=2026-05-04T10:15:30.123+00:00 event=malicious_csrf level=WARN source_ip="203.0.113.9" request_uri="/transfer" reason="origin_mismatch"
 * {"datetime":"2026-05-04T10:15:30.123+00:00","event":"malicious_csrf","level":"WARN","source_ip":"203.0.113.9","request_uri":"/transfer","reason":"origin_mismatch"}
 * }</pre>
 */
public enum SecurityEventFormat {
  /** {@code key=value} pairs; an absent source address or URI is {@code -}. */
  TEXT {
    @Override
    public String format(SecurityEvent event) {
      StringBuilder out = new StringBuilder(128);
      out.append("datetime=").append(datetime(event)).append(" event=");
      if (isToken(event.type())) {
        out.append(event.type());
      } else {
        LogText.appendQuoted(event.type(), out);
      }
      out.append(" level=").append(EventLevels.name(event.level()));
      out.append(" source_ip=");
      optional(event.sourceAddress().orElse(null), out);
      out.append(" request_uri=");
      optional(event.requestUri().orElse(null), out);
      for (Map.Entry<String, Object> e : event.fields().entrySet()) {
        out.append(' ').append(fieldName(e.getKey(), event.fields())).append('=');
        LogText.appendQuoted(String.valueOf(e.getValue()), out);
      }
      return out.toString();
    }
  },
  /** One JSON object; an absent source address or URI is {@code null}. */
  JSON {
    @Override
    public String format(SecurityEvent event) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("datetime", datetime(event));
      out.put("event", jsonText(event.type()));
      out.put("level", EventLevels.name(event.level()));
      out.put("source_ip", event.sourceAddress().map(SecurityEventFormat::jsonText).orElse(null));
      out.put("request_uri", event.requestUri().map(SecurityEventFormat::jsonText).orElse(null));
      for (Map.Entry<String, Object> e : event.fields().entrySet()) {
        out.put(fieldName(e.getKey(), event.fields()), jsonValue(e.getValue()));
      }
      return oneLine(Json.write(out));
    }
  };

  /**
   * The names of the common fields: {@code datetime}, {@code event}, {@code level}, {@code
   * source_ip}, {@code request_uri}.
   */
  public static final Set<String> COMMON_FIELDS =
      Set.of("datetime", "event", "level", "source_ip", "request_uri");

  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");

  /** The event as one line of this form. */
  public abstract String format(SecurityEvent event);

  private static String datetime(SecurityEvent event) {
    return DATETIME.format(event.time().atZone(ZoneId.systemDefault()));
  }

  private static String fieldName(String key, Map<String, Object> fields) {
    if (!COMMON_FIELDS.contains(key)) {
      return key;
    }
    String renamed = "field_" + key;
    while (fields.containsKey(renamed)) {
      renamed = "field_" + renamed;
    }
    return renamed;
  }

  private static void optional(@Nullable String value, StringBuilder out) {
    if (value == null) {
      out.append('-');
    } else {
      LogText.appendQuoted(value, out);
    }
  }

  private static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '.'
          || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static Object jsonValue(Object value) {
    if (value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      return value;
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? d : jsonText(String.valueOf(d));
    }
    return jsonText(String.valueOf(value));
  }

  /**
   * Cut after {@link LogText#MAX_CHARS}, unpaired surrogates replaced (JSON text must be Unicode).
   */
  private static String jsonText(String value) {
    int n = Math.min(value.length(), LogText.MAX_CHARS);
    StringBuilder out = new StringBuilder(n + 1);
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        out.append(c).append(value.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append('\ufffd');
      } else {
        out.append(c);
      }
    }
    if (value.length() > n) {
      out.append('…');
    }
    return out.toString();
  }

  /**
   * Escapes, as {@code \}{@code uXXXX}, every character {@link LogText} would: JSON allows them raw
   * inside strings, but a log reader may split the line there or display it misleadingly. Outside
   * ASCII, characters only occur inside strings, where the escape means the same.
   */
  private static String oneLine(String json) {
    StringBuilder out = null;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      boolean escape = c >= 0x80 && !Character.isSurrogate(c) && LogText.mustEscape(c);
      if (escape && out == null) {
        out = new StringBuilder(json.length() + 16).append(json, 0, i);
      }
      if (escape) {
        Objects.requireNonNull(out).append(String.format("\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? json : out.toString();
  }
}
