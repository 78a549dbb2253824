package dev.armet.maven;

import dev.armet.deps.Dependency;
import dev.armet.deps.Inventory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.maven.artifact.Artifact;

/**
 * The build's own resolved artifacts as an inventory: no second resolution, the very graph this
 * build uses. Each artifact's dependency trail ({@code g:a:type[:classifier]:version} from the
 * project down) becomes its path.
 */
final class ArtifactTrails {
  private ArtifactTrails() {}

  static Inventory inventory(String project, Collection<Artifact> artifacts) {
    List<Dependency> deps = new ArrayList<>();
    for (Artifact a : artifacts) {
      List<String> path = new ArrayList<>();
      List<String> trail = a.getDependencyTrail();
      if (trail == null || trail.isEmpty()) {
        path.add(project);
      } else {
        trail.forEach(t -> path.add(gav(t)));
      }
      String self = a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getBaseVersion();
      if (!path.get(path.size() - 1).equals(self)) {
        path.add(self);
      }
      deps.add(
          new Dependency(
              a.getGroupId(),
              a.getArtifactId(),
              a.getBaseVersion(),
              a.getScope() == null ? "" : a.getScope(),
              path));
    }
    return new Inventory("maven:" + project, deps);
  }

  /** {@code g:a:type:version} or {@code g:a:type:classifier:version} → {@code g:a:version}. */
  static String gav(String trailEntry) {
    String[] p = trailEntry.split(":");
    return p.length < 3 ? trailEntry : p[0] + ":" + p[1] + ":" + p[p.length - 1];
  }
}
