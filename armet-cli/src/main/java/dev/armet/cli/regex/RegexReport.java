package dev.armet.cli.regex;

import dev.armet.internal.json.Json;
import dev.armet.regex.Attack;
import dev.armet.regex.Proof;
import dev.armet.regex.RegexVerdict;
import dev.armet.regex.StackRisk;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes verdicts as text, JSON or SARIF 2.1.0. One entry per analysed (or invalid) pattern. */
public final class RegexReport {
  /**
   * One line of the report: a verdict, or the JDK's error for an invalid pattern; where when
   * scanned.
   */
  public record Entry(String pattern, RegexVerdict verdict, String error, FoundRegex found) {}

  private RegexReport() {}

  public static void text(List<Entry> entries, PrintWriter out) {
    for (Entry e : entries) {
      out.println("/" + e.pattern() + "/" + (e.found() == null ? "" : "  " + e.found().where()));
      if (e.error() != null) {
        out.println("  invalid: " + e.error().replace("\n", "\n           "));
        continue;
      }
      RegexVerdict v = e.verdict();
      out.printf(
          "  %s in %s%s%n",
          v.safe() ? "safe" : "UNSAFE",
          mode(v),
          v.modelled() ? "" : " (not modelled: engine search)");
      out.println("  complexity: " + v.complexityText());
      if (!v.safe() && v.attack() != null && v.complexity().ordinal() >= 2) {
        out.println("  attack: " + attack(v.attack()));
        out.println(
            "  proof: "
                + samples(v.proof())
                + "; fitted degree "
                + v.proof().fittedDegree()
                + (v.proof().growthPerPump() > 0
                    ? ", x" + v.proof().growthPerPump() + " per pump"
                    : "")
                + (v.proof().budgetExceeded() ? " (last size hit the step budget)" : ""));
      }
      StackRisk s = v.stackRisk();
      if (s != null) {
        out.printf(
            "  stackRisk: StackOverflowError at %s chars on a 512 KiB stack, %s on 1 MiB; attack %s%n",
            len(s.overflowAt512k()), len(s.overflowAt1m()), attack(s.attack()));
      }
      if (v.rewrite() != null) {
        out.printf(
            "  rewrite: %s  (%s; same answers on %d generated strings)%n",
            v.rewrite().pattern(), v.rewrite().reason(), v.rewrite().corpusSize());
      }
      out.println("  model: " + v.predicted());
      v.notes().forEach(n -> out.println("  note: " + n));
    }
  }

  public static void json(List<Entry> entries, PrintWriter out) {
    List<Object> list = new ArrayList<>();
    entries.forEach(e -> list.add(toMap(e)));
    out.println(Json.write(Map.of("results", list)));
  }

  static Map<String, Object> toMap(Entry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pattern", e.pattern());
    if (e.found() != null) {
      Map<String, Object> where = new LinkedHashMap<>();
      where.put("file", e.found().file());
      putIf(where, "class", e.found().owner());
      putIf(where, "method", e.found().method());
      if (e.found().line() > 0) {
        where.put("line", e.found().line());
      }
      where.put("via", e.found().via());
      m.put("location", where);
    }
    if (e.error() != null) {
      m.put("error", e.error());
      return m;
    }
    RegexVerdict v = e.verdict();
    m.put("flags", v.flags());
    m.put("mode", mode(v));
    m.put("safe", v.safe());
    m.put("complexity", v.complexity().label());
    if (v.degree() > 0) {
      m.put("degree", v.degree());
    }
    if (v.attack() != null) {
      m.put("attack", attackMap(v.attack()));
    }
    if (v.proof() != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      List<Object> samples = new ArrayList<>();
      for (Proof.Sample s : v.proof().samples()) {
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("n", s.length());
        sample.put("repetitions", s.repetitions());
        sample.put("steps", s.steps());
        samples.add(sample);
      }
      p.put("samples", samples);
      p.put("fittedDegree", v.proof().fittedDegree());
      p.put("growthPerPump", v.proof().growthPerPump());
      p.put("budgetExceeded", v.proof().budgetExceeded());
      p.put("stepBudget", v.proof().stepBudget());
      m.put("proof", p);
    }
    if (v.stackRisk() != null) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("error", "StackOverflowError");
      s.put("overflowAt512KiB", v.stackRisk().overflowAt512k());
      s.put("overflowAt1MiB", v.stackRisk().overflowAt1m());
      s.put("probedUpTo", v.stackRisk().probedUpTo());
      s.put("attack", attackMap(v.stackRisk().attack()));
      m.put("stackRisk", s);
    } else {
      m.put("stackRisk", null);
    }
    if (v.rewrite() != null) {
      m.put(
          "rewrite",
          Map.of(
              "pattern",
              v.rewrite().pattern(),
              "reason",
              v.rewrite().reason(),
              "corpusSize",
              v.rewrite().corpusSize()));
    }
    m.put("modelled", v.modelled());
    m.put("predicted", v.predicted());
    m.put("notes", v.notes());
    return m;
  }

  public static void sarif(List<Entry> entries, PrintWriter out) {
    List<Object> results = new ArrayList<>();
    for (Entry e : entries) {
      if (e.verdict() != null && e.verdict().safe()) {
        continue;
      }
      Map<String, Object> r = new LinkedHashMap<>();
      String rule =
          e.error() != null
              ? "invalid-regex"
              : e.verdict().complexity().ordinal() >= 2
                  ? "redos-" + e.verdict().complexity().label()
                  : "regex-stack-overflow";
      r.put("ruleId", rule);
      r.put("level", "error");
      String text =
          e.error() != null
              ? "Invalid regex: " + e.error()
              : "Regex /"
                  + e.pattern()
                  + "/ is "
                  + e.verdict().complexityText()
                  + (e.verdict().stackRisk() != null
                      ? ", overflows a 1 MiB stack at "
                          + e.verdict().stackRisk().overflowAt1m()
                          + " chars"
                      : "")
                  + (e.verdict().rewrite() != null
                      ? "; safe rewrite: " + e.verdict().rewrite().pattern()
                      : "");
      r.put("message", Map.of("text", text));
      if (e.found() != null) {
        Map<String, Object> region =
            e.found().line() > 0 ? Map.of("startLine", e.found().line()) : null;
        Map<String, Object> physical = new LinkedHashMap<>();
        physical.put("artifactLocation", Map.of("uri", e.found().file()));
        putIf(physical, "region", region);
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("physicalLocation", physical);
        if (e.found().owner() != null) {
          location.put(
              "logicalLocations",
              List.of(
                  Map.of(
                      "fullyQualifiedName",
                      e.found().owner()
                          + (e.found().method() == null ? "" : "." + e.found().method()))));
        }
        r.put("locations", List.of(location));
      }
      r.put("properties", e.verdict() == null ? Map.of() : toMap(e));
      results.add(r);
    }
    Map<String, Object> driver =
        Map.of(
            "name",
            "armet regex",
            "informationUri",
            "https://armet.dev",
            "rules",
            List.of(
                rule("redos-exponential"),
                rule("redos-polynomial"),
                rule("regex-stack-overflow"),
                rule("invalid-regex")));
    Map<String, Object> sarif = new LinkedHashMap<>();
    sarif.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    sarif.put("version", "2.1.0");
    sarif.put("runs", List.of(Map.of("tool", Map.of("driver", driver), "results", results)));
    out.println(Json.write(sarif));
  }

  private static Map<String, Object> rule(String id) {
    return Map.of("id", id, "shortDescription", Map.of("text", id.replace('-', ' ')));
  }

  private static void putIf(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  private static Map<String, Object> attackMap(Attack a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("prefix", a.prefix());
    m.put("pump", a.pump());
    m.put("suffix", a.suffix());
    return m;
  }

  static String mode(RegexVerdict v) {
    return switch (v.mode()) {
      case MATCHES -> "matches";
      case FIND -> "find";
      case LOOKING_AT -> "lookingAt";
    };
  }

  private static String attack(Attack a) {
    return "prefix "
        + quote(a.prefix())
        + " + pump "
        + quote(a.pump())
        + " x n + suffix "
        + quote(a.suffix());
  }

  private static String samples(Proof proof) {
    List<Proof.Sample> s = proof.samples();
    StringBuilder out = new StringBuilder();
    for (int i = Math.max(0, s.size() - 5); i < s.size(); i++) {
      out.append(out.length() > 0 ? ", " : "n→steps ")
          .append(s.get(i).length())
          .append("→")
          .append(s.get(i).steps());
    }
    return out.toString();
  }

  private static String len(int n) {
    return n < 0 ? "none" : String.valueOf(n);
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c == '"' || c == '\\' ? "\\" + c : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }
}
