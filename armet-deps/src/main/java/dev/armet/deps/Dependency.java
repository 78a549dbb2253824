package dev.armet.deps;

import java.util.List;

/**
 * One artifact of an inventory.
 *
 * @param groupId Maven groupId
 * @param artifactId Maven artifactId
 * @param version the version that is resolved or shipped
 * @param scope Maven scope ({@code compile}, {@code runtime}, {@code test}, …); empty when the
 *     source does not say (jars, most SBOMs)
 * @param path from the project to this artifact: the project first, then each dependency through
 *     which it comes, ending with this one ({@code g:a:v} each); a direct dependency has two
 *     entries
 */
public record Dependency(
    String groupId, String artifactId, String version, String scope, List<String> path) {
  public Dependency {
    path = List.copyOf(path);
  }

  /** {@code groupId:artifactId}, the key OSV uses for Maven. */
  public String coordinate() {
    return groupId + ":" + artifactId;
  }

  /** {@code groupId:artifactId:version}. */
  public String gav() {
    return coordinate() + ":" + version;
  }

  /** True when the project declares it itself (or the source gives no path). */
  public boolean direct() {
    return path.size() <= 2;
  }

  /** The project's own dependency that brings this one in (itself when direct). */
  public String directDependency() {
    return path.size() >= 2 ? path.get(1) : gav();
  }
}
