package dev.armet.audit.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses one or more Content-Security-Policy strings into directive → source set, with the
 * Observatory's semantics: a repeated directive makes the policy invalid (except {@code
 * report-uri}/{@code report-to}, which are flagged), an empty {@code *-src} means {@code 'none'},
 * and several policies combine to the sources every policy allows.
 */
public final class CspPolicyParser {
  /** Key under which repeated report directives are flagged. */
  public static final String DUPLICATES = "_duplicates";

  private static final Set<String> NOT_IN_META = Set.of("frame-ancestors", "report-uri", "sandbox");
  private static final Set<String> REPEATABLE = Set.of("report-uri", "report-to");
  private static final int SHORTEST_POLICY = "img-src".length() - 1;

  private CspPolicyParser() {}

  /** A source and which policy it came from. */
  private static final class Source {
    final String value;
    final int policy;
    boolean keep;

    Source(String value, int policy, boolean keep) {
      this.value = value;
      this.policy = policy;
      this.keep = keep;
    }
  }

  /** As {@link #parse} but without the directives a {@code <meta>} policy may not carry. */
  public static Map<String, Set<String>> parseMeta(List<String> policies) {
    Map<String, Set<String>> csp = parse(policies);
    NOT_IN_META.forEach(csp::remove);
    return csp;
  }

  /**
   * Parses the policies.
   *
   * @throws IllegalArgumentException when a policy is too short or repeats a directive
   */
  public static Map<String, Set<String>> parse(List<String> policies) {
    List<String> clean = policies.stream().map(p -> p.replaceAll("[\\r\\n]", "").trim()).toList();
    Map<String, Set<String>> result = new LinkedHashMap<>();
    if (clean.isEmpty()) {
      return result;
    }
    for (String p : clean) {
      if (p.length() < SHORTEST_POLICY) {
        throw new IllegalArgumentException("policy too short: '" + p + "'");
      }
    }
    Map<String, List<Source>> csp = new LinkedHashMap<>();
    Set<String> duplicates = new LinkedHashSet<>();
    for (int index = 0; index < clean.size(); index++) {
      Set<String> seen = new HashSet<>();
      for (String entry : clean.get(index).split(";", -1)) {
        String[] tokens = entry.trim().split("\\s+");
        if (tokens[0].isEmpty()) {
          continue;
        }
        String directive = tokens[0].toLowerCase(Locale.ROOT);
        if (!seen.add(directive)) {
          if (!REPEATABLE.contains(directive)) {
            throw new IllegalArgumentException(
                "directive '" + directive + "' repeated in policy " + index);
          }
          duplicates.add(directive);
        }
        boolean keep = index == 0;
        List<Source> values = new ArrayList<>();
        for (int t = 1; t < tokens.length; t++) {
          values.add(new Source(tokens[t].trim().toLowerCase(Locale.ROOT), index, keep));
        }
        if (values.isEmpty() && directive.endsWith("-src")) {
          values.add(new Source("'none'", index, keep));
        }
        List<Source> combined =
            new ArrayList<>(index == 0 ? List.of() : csp.getOrDefault(directive, List.of()));
        combined.addAll(values);
        combined.sort(Comparator.comparing(s -> s.value));
        for (int i = 1; i < combined.size(); i++) {
          Source cur = combined.get(i);
          Source prev = combined.get(i - 1);
          if (cur.policy == prev.policy && cur.value.startsWith(prev.value)) {
            cur.keep = false; // a longer source beside its own prefix adds nothing
          }
          if (cur.policy != prev.policy && pathPartMatch(prev.value, cur.value)) {
            cur.keep = true; // allowed by both policies
          }
        }
        List<Source> kept = new ArrayList<>(combined.stream().filter(s -> s.keep).toList());
        csp.put(directive, kept);
        if (index == 0 && clean.size() > 1) {
          kept.forEach(s -> s.keep = false);
        }
      }
    }
    csp.forEach(
        (directive, sources) -> {
          Set<String> values = new LinkedHashSet<>();
          sources.forEach(s -> values.add(s.value));
          result.put(directive, values.isEmpty() ? new LinkedHashSet<>(Set.of("'none'")) : values);
        });
    if (!duplicates.isEmpty()) {
      result.put(DUPLICATES, duplicates);
    }
    return result;
  }

  private static boolean pathPartMatch(String a, String b) {
    if (a.isEmpty() || (a.equals("/") && b.isEmpty())) {
      return true;
    }
    boolean exact = !a.endsWith("/");
    List<String> pa = new ArrayList<>(List.of(a.split("/", -1)));
    List<String> pb = List.of(b.split("/", -1));
    if (pa.size() > pb.size() || (exact && pa.size() != pb.size())) {
      return false;
    }
    if (!exact) {
      pa.remove(pa.size() - 1);
    }
    for (int i = 0; i < pa.size(); i++) {
      if (!decode(pa.get(i)).equals(decode(pb.get(i)))) {
        return false;
      }
    }
    return true;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
