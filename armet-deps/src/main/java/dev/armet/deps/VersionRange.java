package dev.armet.deps;

import dev.armet.deps.internal.MavenVersions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An OSV {@code ECOSYSTEM} range: its events in Maven's version order. A version is inside when the
 * last event at or below it is an {@code introduced}, or a {@code last_affected} equal to it (OSV
 * schema, "Evaluation"). {@code introduced: "0"} means from the first version.
 */
public record VersionRange(List<Event> events) {
  /** {@code introduced}, {@code fixed} or {@code last_affected} at a version. */
  public enum Kind {
    INTRODUCED,
    FIXED,
    LAST_AFFECTED
  }

  /** One event of a range. */
  public record Event(Kind kind, String version) {}

  public VersionRange {
    List<Event> sorted = new ArrayList<>(events);
    // "0" sorts before every version: ComparableVersion("0") is the smallest release anyway.
    sorted.sort(Comparator.comparing(Event::version, MavenVersions::compare));
    events = List.copyOf(sorted);
  }

  public boolean contains(String version) {
    boolean inside = false;
    for (Event e : events) {
      int c = MavenVersions.compare(e.version(), version);
      if (c > 0) {
        break;
      }
      switch (e.kind()) {
        case INTRODUCED -> inside = true;
        case FIXED -> inside = false;
        case LAST_AFFECTED -> inside = inside && c == 0;
      }
    }
    return inside;
  }

  /** The {@code fixed} versions of this range. */
  public List<String> fixedVersions() {
    List<String> fixed = new ArrayList<>();
    for (Event e : events) {
      if (e.kind() == Kind.FIXED) {
        fixed.add(e.version());
      }
    }
    return fixed;
  }
}
