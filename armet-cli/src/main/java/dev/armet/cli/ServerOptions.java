package dev.armet.cli;

import dev.armet.server.ArmetServer;
import dev.armet.server.ArmetServerConfig;
import dev.armet.server.ServerSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options that say which server to build, shared by {@code armet serve} and {@code armet
 * doctor} (a picocli {@code @Mixin}), so that doctor checks exactly what serve would run.
 */
final class ServerOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (properties).")
  Path config;

  @Option(names = "--user", paramLabel = "USER",
      description = "User 'serve' runs as after binding (server.user).")
  String user;

  @Option(names = "--group", paramLabel = "GROUP", description = "Group 'serve' runs as (server.group).")
  String group;

  /**
   * The server FILE and the {@code ARMET_*} variables configure, with the command-line user and
   * group; empty after printing a usage or configuration error to {@code err}.
   */
  Optional<ArmetServer> create(PrintWriter err) {
    try {
      return Optional.of(ArmetServer.create(configure().build()));
    } catch (IllegalArgumentException e) {
      err.println("armet: " + e.getMessage());
    } catch (IOException e) {
      err.println("armet: cannot read " + config + ": " + e.getMessage());
    }
    return Optional.empty();
  }

  private ArmetServerConfig.Builder configure() throws IOException {
    ArmetServerConfig.Builder b = ServerSettings.load(config, System.getenv());
    if (user != null) {
      b.user(user);
    }
    if (group != null) {
      b.group(group);
    }
    return b;
  }
}
