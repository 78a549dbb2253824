package dev.armet.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Puts the Express stack's app ({@code src/main/node/express-stack}, packaged in the jar) into
 * {@code armet-bench/target/express-stack} and installs its locked dependencies there with {@code
 * npm ci}, once per change of {@code package-lock.json}; node_modules are never committed. Needs
 * {@code node} 20 or later and {@code npm} on the PATH, and the npm registry (or npm's cache) the
 * first time.
 */
final class ExpressInstall {
  private static final List<String> FILES = List.of("app.js", "package.json", "package-lock.json");
  private static final int MIN_NODE = 20;
  private static final long NPM_CI_MINUTES = 10;

  private ExpressInstall() {}

  /** The directory holding app.js and its node_modules, installed if they were not. */
  static Path installed() throws IOException, InterruptedException {
    String node = LoadDriver.onPath("node");
    String npm = LoadDriver.onPath("npm");
    if (node == null || npm == null) {
      throw new IllegalStateException(
          "the express targets need node " + MIN_NODE + "+ and npm on the PATH");
    }
    String version = LoadDriver.output(List.of(node, "--version")).strip();
    int major = Integer.parseInt(version.replaceFirst("^v(\\d+).*$", "$1"));
    if (major < MIN_NODE) {
      throw new IllegalStateException(
          "the express targets need node " + MIN_NODE + " or later, found " + version);
    }
    Path dir = directory();
    Files.createDirectories(dir);
    byte[] lock = resource("package-lock.json");
    Path installedLock = dir.resolve("node_modules/.armet-bench-lock.json");
    boolean current =
        Files.isRegularFile(installedLock)
            && Arrays.equals(Files.readAllBytes(installedLock), lock);
    for (String f : FILES) {
      Files.write(dir.resolve(f), resource(f));
    }
    if (!current) {
      npmCi(npm, dir);
      Files.write(installedLock, lock);
    }
    return dir;
  }

  /** {@code armet.bench.express.dir}, or {@code express-stack} beside benchmarks.jar (target/). */
  private static Path directory() {
    String configured = System.getProperty("armet.bench.express.dir");
    if (configured != null) {
      return Path.of(configured);
    }
    try {
      Path code =
          Path.of(ExpressInstall.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return code.toAbsolutePath().getParent().resolve("express-stack");
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate armet-bench's target directory", e);
    }
  }

  private static void npmCi(String npm, Path dir) throws IOException, InterruptedException {
    Path log = dir.resolve("npm-ci.log");
    System.out.println("npm ci in " + dir + " (log: " + log + ")");
    Process p =
        new ProcessBuilder(npm, "ci", "--omit=dev", "--no-audit", "--no-fund")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(NPM_CI_MINUTES, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("npm ci took over " + NPM_CI_MINUTES + " minutes; see " + log);
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          "npm ci failed ("
              + p.exitValue()
              + "):\n"
              + Files.readString(log, StandardCharsets.UTF_8));
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ExpressInstall.class.getResourceAsStream("express-stack/" + name)) {
      if (in == null) {
        throw new IOException("express-stack/" + name + " is not in the jar; rebuild armet-bench");
      }
      return in.readAllBytes();
    }
  }
}
