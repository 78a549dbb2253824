package dev.armet.deps.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's own Maven (its {@code mvnw} when it has one, else {@code mvn}) with the pinned
 * {@code maven-dependency-plugin} tree goal, JSON output appended per reactor module, so the graph
 * is Maven's: parents, {@code dependencyManagement}, BOM imports, mediation and reactor modules
 * exactly as the build sees them.
 */
public final class MavenTreeRunner {
  /** Pinned: JSON output exists since 3.7.0; 3.11.0 resolves here. */
  public static final String TREE_GOAL =
      "org.apache.maven.plugins:maven-dependency-plugin:3.11.0:tree";

  private static final long TIMEOUT_MINUTES = 15;

  private MavenTreeRunner() {}

  /**
   * Returns the tree JSON (one document per reactor module, concatenated). Throws with Maven's last
   * output lines when Maven fails.
   */
  public static String run(Path project, boolean offline, List<String> extraArgs)
      throws IOException {
    Path pom = Files.isDirectory(project) ? project.resolve("pom.xml") : project;
    if (!Files.isRegularFile(pom)) {
      throw new java.nio.file.NoSuchFileException(pom.toString(), null, "no pom.xml to resolve");
    }
    Path dir = pom.toAbsolutePath().getParent();
    Path out = Files.createTempFile("armet-deps-tree", ".json");
    Path log = Files.createTempFile("armet-deps-mvn", ".log");
    try {
      Files.delete(out);
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  mavenCommand(dir),
                  "-B",
                  "-f",
                  pom.toAbsolutePath().toString(),
                  TREE_GOAL,
                  "-DoutputType=json",
                  "-DappendOutput=true",
                  "-DoutputFile=" + out.toAbsolutePath()));
      if (offline) {
        cmd.add("-o");
      }
      cmd.addAll(extraArgs);
      Process p =
          new ProcessBuilder(cmd)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
              .start();
      boolean done;
      try {
        done = p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while Maven resolved " + pom, e);
      }
      if (!done) {
        p.destroyForcibly();
        throw new IOException(
            "Maven did not resolve " + pom + " within " + TIMEOUT_MINUTES + " minutes");
      }
      if (p.exitValue() != 0 || !Files.exists(out)) {
        List<String> lines = Files.readAllLines(log);
        String tail =
            String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        throw new IOException(
            "Maven could not resolve "
                + pom
                + " (exit "
                + p.exitValue()
                + "; "
                + String.join(" ", cmd.subList(0, 2))
                + " …):\n"
                + tail.replace("\u001b[0m", "").replace("\u001b[1m", ""));
      }
      // The tree goal succeeds when a pom is missing or invalid, leaving that artifact's own
      // dependencies out: an inventory with a hole is not ground truth, so refuse it.
      List<String> holes =
          Files.readAllLines(log).stream()
              .map(l -> l.replaceAll("\u001b\\[[0-9;]*m", ""))
              .filter(
                  l ->
                      l.contains("The POM for ")
                          && (l.contains(" is missing") || l.contains(" is invalid")))
              .map(l -> l.replaceFirst("^\\[WARNING\\] ", ""))
              .distinct()
              .toList();
      if (!holes.isEmpty()) {
        throw new IOException(
            "Maven resolved "
                + pom
                + " with artifacts it could not read, so their own dependencies"
                + " are unknown:\n  "
                + String.join("\n  ", holes)
                + "\nFix the build (or go online) and run again.");
      }
      return Files.readString(out);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(log);
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static String mavenCommand(Path dir) {
    boolean windows = System.getProperty("os.name").startsWith("Windows");
    for (Path d = dir; d != null; d = d.getParent()) {
      Path wrapper = d.resolve(windows ? "mvnw.cmd" : "mvnw");
      if (Files.isExecutable(wrapper)) {
        return wrapper.toString();
      }
      if (!Files.exists(d.resolve("pom.xml"))) {
        break;
      }
    }
    return windows ? "mvn.cmd" : "mvn";
  }
}
