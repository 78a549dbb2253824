package dev.armet.bench;

/** Something that puts load on a URL for a while and reports throughput and p99 latency. */
interface LoadDriver {
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
