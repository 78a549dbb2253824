package dev.armet.internal.headers;

import dev.armet.internal.json.Json;
import dev.armet.internal.json.JsonException;
import dev.armet.internal.json.JsonLimits;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads CSP violation reports: {@code application/csp-report} (CSP2 {@code report-uri}) and {@code
 * application/reports+json} (Reporting API, CSP3 {@code report-to}). Bodies come from anyone on the
 * internet: parsing is bounded (depth, string length, report count) and never throws; fields are
 * truncated to {@value #MAX_FIELD} characters.
 */
public final class CspReports {
  /** Longest field kept from a report; the rest is cut. */
  public static final int MAX_FIELD = 512;

  /** Most reports read from one Reporting API batch. */
  public static final int MAX_BATCH = 100;

  private static final Set<String> MEDIA_TYPES =
      Set.of("application/csp-report", "application/reports+json", "application/json");
  private static final JsonLimits LIMITS = JsonLimits.of(1 << 20, 8, 16 * 1024);

  private CspReports() {}

  /** Whether a body of this media type (lower-case, no parameters) may hold reports. */
  public static boolean acceptsMediaType(String mediaType) {
    return MEDIA_TYPES.contains(mediaType);
  }

  /**
   * The violations in a report body, in either format; empty when the body is not UTF-8 JSON of a
   * known report shape naming a directive. Never throws on client input.
   */
  public static List<CspViolation> parse(String mediaType, byte[] body) {
    Object json;
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
      json = Json.parse(text, LIMITS);
    } catch (CharacterCodingException | JsonException e) {
      return List.of();
    }
    List<CspViolation> out = new ArrayList<>();
    if (json instanceof Map<?, ?> && ((Map<?, ?>) json).get("csp-report") instanceof Map<?, ?>) {
      Map<?, ?> r = (Map<?, ?>) ((Map<?, ?>) json).get("csp-report");
      String directive = text(r, "effective-directive");
      out.add(
          new CspViolation(
              text(r, "document-uri"),
              directive.isEmpty() ? text(r, "violated-directive") : directive,
              text(r, "blocked-uri"),
              text(r, "source-file"),
              number(r, "line-number"),
              text(r, "script-sample"),
              disposition(text(r, "disposition"))));
    } else if (json instanceof List<?>) {
      for (Object item : (List<?>) json) {
        if (out.size() == MAX_BATCH) {
          break;
        }
        if (item instanceof Map<?, ?>
            && "csp-violation".equals(((Map<?, ?>) item).get("type"))
            && ((Map<?, ?>) item).get("body") instanceof Map<?, ?>) {
          Map<?, ?> b = (Map<?, ?>) ((Map<?, ?>) item).get("body");
          out.add(
              new CspViolation(
                  text(b, "documentURL"),
                  text(b, "effectiveDirective"),
                  text(b, "blockedURL"),
                  text(b, "sourceFile"),
                  number(b, "lineNumber"),
                  text(b, "sample"),
                  disposition(text(b, "disposition"))));
        }
      }
    }
    out.removeIf(v -> v.directive().isEmpty());
    return out;
  }

  private static String text(Map<?, ?> map, String key) {
    Object v = map.get(key);
    if (!(v instanceof String)) {
      return "";
    }
    String s = (String) v;
    return s.length() > MAX_FIELD ? s.substring(0, MAX_FIELD) : s;
  }

  private static long number(Map<?, ?> map, String key) {
    Object v = map.get(key);
    return v instanceof Integer || v instanceof Long ? Math.max(0, ((Number) v).longValue()) : 0;
  }

  private static String disposition(String raw) {
    return raw.equals("report") ? "report" : "enforce";
  }
}
