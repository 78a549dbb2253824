package dev.armet.deps.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armet.deps.Advisory;
import dev.armet.deps.AffectedPackage;
import dev.armet.deps.Severity;
import dev.armet.deps.VersionRange;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads one OSV JSON record (schema 1.x) into an {@link Advisory}. Withdrawn records and records
 * with no Maven package give nothing. Only what matching needs is kept.
 */
public final class OsvRecordParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OsvRecordParser() {}

  /** Parses a record; empty when withdrawn or not about Maven. Throws on malformed JSON or a record without an id. */
  public static Optional<Advisory> parse(InputStream in) throws IOException {
    JsonNode root = JSON.readTree(in);
    if (root == null || !root.isObject()) {
      throw new IOException("not a JSON object");
    }
    String id = root.path("id").asText("");
    if (id.isEmpty()) {
      throw new IOException("the record has no \"id\"");
    }
    if (root.hasNonNull("withdrawn")) {
      return Optional.empty();
    }
    List<AffectedPackage> affected = new ArrayList<>();
    for (JsonNode a : root.path("affected")) {
      JsonNode pkg = a.path("package");
      if (!"Maven".equals(pkg.path("ecosystem").asText())) {
        continue;
      }
      affected.add(new AffectedPackage(pkg.path("name").asText(), ranges(a), texts(a.path("versions"))));
    }
    if (affected.isEmpty()) {
      return Optional.empty();
    }
    Optional<Double> score = Optional.empty();
    for (JsonNode s : root.path("severity")) {
      if (s.path("type").asText().equals("CVSS_V3")) {
        score = Cvss3.baseScore(s.path("score").asText());
        if (score.isPresent()) {
          break;
        }
      }
    }
    Severity severity = score.map(Severity::ofScore).orElseGet(() -> databaseSeverity(root));
    return Optional.of(new Advisory(id, texts(root.path("aliases")), summary(root), severity, score, affected));
  }

  private static Severity databaseSeverity(JsonNode root) {
    String rated = root.path("database_specific").path("severity").asText("");
    if (rated.isEmpty()) {
      return Severity.UNKNOWN;
    }
    try {
      return Severity.parse(rated.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Severity.UNKNOWN;
    }
  }

  private static List<VersionRange> ranges(JsonNode affected) {
    List<VersionRange> ranges = new ArrayList<>();
    for (JsonNode r : affected.path("ranges")) {
      if (!r.path("type").asText().equals("ECOSYSTEM")) {
        continue;
      }
      List<VersionRange.Event> events = new ArrayList<>();
      for (JsonNode e : r.path("events")) {
        if (e.has("introduced")) {
          events.add(new VersionRange.Event(VersionRange.Kind.INTRODUCED, e.get("introduced").asText()));
        } else if (e.has("fixed")) {
          events.add(new VersionRange.Event(VersionRange.Kind.FIXED, e.get("fixed").asText()));
        } else if (e.has("last_affected")) {
          events.add(new VersionRange.Event(VersionRange.Kind.LAST_AFFECTED, e.get("last_affected").asText()));
        }
      }
      ranges.add(new VersionRange(events));
    }
    return ranges;
  }

  private static String summary(JsonNode root) {
    String s = root.path("summary").asText("").strip();
    if (!s.isEmpty()) {
      return s;
    }
    String details = root.path("details").asText("").strip();
    int end = details.indexOf('\n');
    String first = end < 0 ? details : details.substring(0, end);
    return first.length() > 200 ? first.substring(0, 200) + "…" : first;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) {
      out.add(n.asText());
    }
    return out;
  }
}
