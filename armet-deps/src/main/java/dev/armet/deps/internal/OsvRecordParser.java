package dev.armet.deps.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
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
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

  private OsvRecordParser() {}

  /**
   * Parses a record; empty when withdrawn or not about Maven. Throws on malformed JSON or a record
   * without an id.
   */
  public static Optional<Advisory> parse(InputStream in) throws IOException {
    OsvJson root = JSON.readValue(in, OsvJson.class);
    if (root == null) {
      throw new IOException("not a JSON object");
    }
    if (root.id() == null || root.id().isBlank()) {
      throw new IOException("the record has no \"id\"");
    }
    if (root.withdrawn() != null) {
      return Optional.empty();
    }
    List<AffectedPackage> affected = new ArrayList<>();
    for (OsvJson.Affected a : list(root.affected())) {
      if (a == null
          || a.pkg() == null
          || !"Maven".equals(a.pkg().ecosystem())
          || a.pkg().name() == null) {
        continue;
      }
      affected.add(new AffectedPackage(a.pkg().name(), ranges(a), list(a.versions())));
    }
    if (affected.isEmpty()) {
      return Optional.empty();
    }
    Optional<Double> score = Optional.empty();
    for (OsvJson.Severity s : list(root.severity())) {
      if (s != null && "CVSS_V3".equals(s.type())) {
        score = Cvss3.baseScore(s.score());
        if (score.isPresent()) {
          break;
        }
      }
    }
    Severity severity = score.map(Severity::ofScore).orElseGet(() -> databaseSeverity(root));
    return Optional.of(
        new Advisory(root.id(), list(root.aliases()), summary(root), severity, score, affected));
  }

  private static Severity databaseSeverity(OsvJson root) {
    String rated = root.databaseSpecific() == null ? null : root.databaseSpecific().severity();
    if (rated == null || rated.isBlank()) {
      return Severity.UNKNOWN;
    }
    try {
      return Severity.parse(rated.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Severity.UNKNOWN;
    }
  }

  private static List<VersionRange> ranges(OsvJson.Affected affected) {
    List<VersionRange> ranges = new ArrayList<>();
    for (OsvJson.Range r : list(affected.ranges())) {
      if (r == null || !"ECOSYSTEM".equals(r.type())) {
        continue;
      }
      List<VersionRange.Event> events = new ArrayList<>();
      for (OsvJson.Event e : list(r.events())) {
        if (e == null) {
          continue;
        }
        if (e.introduced() != null) {
          events.add(new VersionRange.Event(VersionRange.Kind.INTRODUCED, e.introduced()));
        } else if (e.fixed() != null) {
          events.add(new VersionRange.Event(VersionRange.Kind.FIXED, e.fixed()));
        } else if (e.lastAffected() != null) {
          events.add(new VersionRange.Event(VersionRange.Kind.LAST_AFFECTED, e.lastAffected()));
        }
      }
      ranges.add(new VersionRange(events));
    }
    return ranges;
  }

  private static String summary(OsvJson root) {
    String s = root.summary() == null ? "" : root.summary().strip();
    if (!s.isEmpty()) {
      return s;
    }
    String details = root.details() == null ? "" : root.details().strip();
    int end = details.indexOf('\n');
    String first = end < 0 ? details : details.substring(0, end);
    return first.length() > 200 ? first.substring(0, 200) + "…" : first;
  }

  private static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : values.stream().filter(java.util.Objects::nonNull).toList();
  }
}
