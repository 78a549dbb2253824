package dev.armet.deps;

import dev.armet.deps.internal.JarScanner;
import dev.armet.deps.internal.MavenTreeParser;
import dev.armet.deps.internal.MavenTreeRunner;
import dev.armet.deps.internal.SbomReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds an {@link Inventory} from ground truth, never from a guess.
 *
 * <ul>
 *   <li>{@link #fromProject}: Maven's own resolved graph ({@code mvn} with the pinned {@code
 *       maven-dependency-plugin:3.11.0:tree}); parents, BOMs, mediation, reactor modules.
 *   <li>{@link #fromSbom}: a CycloneDX SBOM, JSON or XML.
 *   <li>{@link #fromJars}: {@code pom.properties} in a jar, a fat jar's nested jars, a shaded jar's
 *       embedded poms, or every jar in a folder.
 * </ul>
 */
public final class Inventories {
  private Inventories() {}

  /**
   * Runs the project's Maven (a pom or a reactor). {@code offline} adds {@code -o}; a project whose
   * {@code .mvn/maven.config} says so is offline anyway. Throws with Maven's output when it fails.
   */
  public static Inventory fromProject(Path project, boolean offline) throws IOException {
    return fromProject(project, offline, List.of());
  }

  /** As {@link #fromProject(Path, boolean)}, with extra Maven arguments (profiles, settings). */
  public static Inventory fromProject(Path project, boolean offline, List<String> mavenArgs)
      throws IOException {
    String json = MavenTreeRunner.run(project, offline, mavenArgs);
    return new Inventory("maven:" + project, MavenTreeParser.parse(json));
  }

  public static Inventory fromSbom(Path file) throws IOException {
    return new Inventory("sbom:" + file, SbomReader.read(file));
  }

  public static Inventory fromJars(Path fileOrDir) throws IOException {
    return new Inventory("jars:" + fileOrDir, JarScanner.scan(fileOrDir).dependencies());
  }
}
