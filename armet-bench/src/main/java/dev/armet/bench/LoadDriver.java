package dev.armet.bench;

/** Something that puts load on a URL for a while and reports throughput and p99 latency. */
interface LoadDriver {
  /**
   * Runs an external load generator to the end and returns its output; fails on a non-zero exit.
   */
  static String output(java.util.List<String> command)
      throws java.io.IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new java.io.IOException(command.get(0) + " failed:\n" + out);
    }
    return out;
  }

  /** The executable {@code name} in a directory of the PATH, or null when there is none. */
  static String onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      java.nio.file.Path p = java.nio.file.Path.of(dir.isEmpty() ? "." : dir, name);
      if (java.nio.file.Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return null;
  }

  /** The command line (or its equivalent) used, for the report. */
  String describe(LoadSettings settings);

  LoadResult run(String url, int port, LoadSettings settings, int seconds) throws Exception;

  /** The same with a {@code Cookie} header on every request (null: none). */
  default LoadResult run(String url, int port, String cookie, LoadSettings settings, int seconds)
      throws Exception {
    if (cookie != null) {
      throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot send cookies");
    }
    return run(url, port, settings, seconds);
  }
}
