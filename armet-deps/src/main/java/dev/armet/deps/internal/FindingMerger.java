package dev.armet.deps.internal;

import dev.armet.deps.Advisory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Groups the records that hit one artifact by issue: two records are the same issue when their ids
 * and aliases overlap (a GHSA record aliasing CVE-2021-44228 and a record whose id is that CVE),
 * transitively.
 */
public final class FindingMerger {
  private FindingMerger() {}

  public static List<List<Advisory>> byIssue(List<Advisory> hits) {
    List<List<Advisory>> groups = new ArrayList<>();
    List<Set<String>> keys = new ArrayList<>();
    for (Advisory a : hits) {
      Set<String> mine = new HashSet<>(a.aliases());
      mine.add(a.id());
      List<Advisory> merged = new ArrayList<>(List.of(a));
      for (int i = groups.size() - 1; i >= 0; i--) {
        if (!java.util.Collections.disjoint(keys.get(i), mine)) {
          merged.addAll(0, groups.remove(i));
          mine.addAll(keys.remove(i));
        }
      }
      groups.add(merged);
      keys.add(mine);
    }
    return groups;
  }

  /** The records' own ids first (in order), then their aliases, no repeats. */
  public static List<String> ids(List<Advisory> issue) {
    Set<String> ids = new LinkedHashSet<>();
    issue.forEach(a -> ids.add(a.id()));
    issue.forEach(a -> ids.addAll(a.aliases()));
    return List.copyOf(ids);
  }
}
