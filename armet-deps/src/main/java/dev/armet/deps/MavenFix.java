package dev.armet.deps;

import java.util.Optional;

/**
 * The change that makes Maven resolve a fixed version.
 *
 * @param kind bump the project's own dependency, override a transitive one in {@code
 *     <dependencyManagement>}, or nothing to do yet
 * @param coordinate {@code groupId:artifactId} to change
 * @param version the version to set (empty for {@link Kind#NO_FIX_YET})
 * @param via the project's own dependency that brings the vulnerable one in (transitive only)
 */
public record MavenFix(
    Kind kind, String coordinate, Optional<String> version, Optional<String> via) {
  /** What to do. */
  public enum Kind {
    BUMP_DIRECT,
    MANAGE_OVERRIDE,
    NO_FIX_YET
  }

  /** One line for people: what to change and where. */
  public String describe() {
    return switch (kind) {
      case BUMP_DIRECT -> "bump " + coordinate + " to " + version.orElseThrow() + " in your pom";
      case MANAGE_OVERRIDE ->
          "add to <dependencyManagement>: "
              + coordinate
              + ":"
              + version.orElseThrow()
              + via.map(v -> " (it comes through " + v + ")").orElse("");
      case NO_FIX_YET -> "no fixed version yet";
    };
  }
}
