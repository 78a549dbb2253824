package dev.armet.deps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies a sample project (src/test/resources/projects) to a temporary folder, with a {@code
 * .mvn/maven.config} that keeps Maven offline and points it at the pom-only fixture repository:
 * nothing leaves the machine.
 */
public final class SampleProjects {
  static final Path RESOURCES = Path.of("src/test/resources");
  public static final Path FIXTURE_REPO = RESOURCES.resolve("fixture-repo").toAbsolutePath();

  private SampleProjects() {}

  public static Path copy(String name, Path to) throws IOException {
    Path from = RESOURCES.resolve("projects").resolve(name);
    try (Stream<Path> walk = Files.walk(from)) {
      walk.forEach(
          p -> {
            try {
              Path target = to.resolve(from.relativize(p).toString());
              if (Files.isDirectory(p)) {
                Files.createDirectories(target);
              } else {
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    Files.createDirectories(to.resolve(".mvn"));
    Files.writeString(to.resolve(".mvn/maven.config"), String.join(" ", offlineArgs()) + "\n");
    return to;
  }

  /**
   * Offline, file repositories allowed (Aether's offline.protocols), the fixture repository's path.
   */
  public static List<String> offlineArgs() {
    return List.of("-o", "-Daether.offline.protocols=file", "-Dfixture.repo=" + FIXTURE_REPO);
  }
}
