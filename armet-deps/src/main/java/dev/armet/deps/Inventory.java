package dev.armet.deps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a build contains, from one source of truth: Maven's resolved graph, a CycloneDX SBOM or the
 * jars. Build one with {@link Inventories}.
 *
 * @param source a short description: {@code maven:/path/pom.xml}, {@code sbom:bom.json}, {@code
 *     jars:app.jar}
 * @param dependencies the artifacts (the same coordinate may appear with two versions in a reactor)
 */
public record Inventory(String source, List<Dependency> dependencies) {
  public Inventory {
    Objects.requireNonNull(source, "source");
    dependencies = List.copyOf(dependencies);
  }

  /** Only the dependencies a scope filter keeps: {@code runtime} drops test and provided. */
  public Inventory filter(ScopeFilter filter) {
    return new Inventory(
        source, dependencies.stream().filter(d -> filter.keeps(d.scope())).toList());
  }

  /**
   * The coordinates whose versions differ between two inventories of the same build (the pom says
   * one version, the fat jar ships another), one line each; coordinates only one side has are not
   * listed (a jar inventory never sees test dependencies).
   */
  public static List<String> disagreements(Inventory a, Inventory b) {
    Map<String, List<String>> left = versions(a);
    Map<String, List<String>> right = versions(b);
    List<String> out = new ArrayList<>();
    left.forEach(
        (coordinate, versions) -> {
          List<String> other = right.get(coordinate);
          if (other != null && !other.containsAll(versions)) {
            out.add(
                coordinate
                    + ": "
                    + String.join(", ", versions)
                    + " in "
                    + a.source()
                    + " but "
                    + String.join(", ", other)
                    + " in "
                    + b.source());
          }
        });
    return out;
  }

  private static Map<String, List<String>> versions(Inventory inv) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (Dependency d : inv.dependencies()) {
      List<String> vs = m.computeIfAbsent(d.coordinate(), k -> new ArrayList<>());
      if (!vs.contains(d.version())) {
        vs.add(d.version());
      }
    }
    return m;
  }
}
