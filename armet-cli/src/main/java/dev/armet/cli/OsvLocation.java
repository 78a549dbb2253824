package dev.armet.cli;

import java.nio.file.Path;

/**
 * Where {@code armet deps} keeps OSV data unless told: {@code $ARMET_OSV}, else {@code
 * ~/.armet/osv}.
 */
final class OsvLocation {
  static final String VARIABLE = "ARMET_OSV";

  private OsvLocation() {}

  static Path defaultPath() {
    String env = System.getenv(VARIABLE);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".armet", "osv");
  }
}
