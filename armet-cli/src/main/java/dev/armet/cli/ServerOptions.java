package dev.armet.cli;

import dev.armet.env.ArmetEnvironment;
import dev.armet.env.ProductionGate;
import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import dev.armet.server.ArmetServer;
import dev.armet.server.ArmetServerConfig;
import dev.armet.server.ServerSettings;
import dev.armet.servlet.ArmetFilter;
import dev.armet.session.ServerSessions;
import dev.armet.spi.Stores;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The options that say which server to build, shared by {@code armet serve} and {@code armet
 * doctor} (a picocli {@code @Mixin}), so that doctor checks exactly what serve would run.
 */
final class ServerOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (properties).")
  Path config;

  @Option(
      names = "--user",
      paramLabel = "USER",
      description = "User 'serve' runs as after binding (server.user).")
  String user;

  @Option(
      names = "--group",
      paramLabel = "GROUP",
      description = "Group 'serve' runs as (server.group).")
  String group;

  @Option(
      names = "--store",
      paramLabel = "URI",
      description = {
        "Where sessions and rate limits live: redis://host:port/db, rediss://…, postgresql://…,",
        "mariadb://…, or sqlite (the default: a file in the data folder). Default: $ARMET_STORE or sqlite."
      })
  String store;

  /** The process environment ({@code ARMET_*}); tests give their own. */
  Map<String, String> variables = System.getenv();

  /** Opens the {@code --store} in the data folder; tests give their own. */
  Function<Path, Stores> openStores =
      dataFolder -> OpenStores.open(OpenStores.choose(store), dataFolder);

  /**
   * The server FILE and the {@code ARMET_*} variables configure, with the command-line user and
   * group; empty after printing a usage or configuration error to {@code err}.
   */
  Optional<ArmetServer> create(PrintWriter err) {
    try {
      return Optional.of(ArmetServer.create(configure().build()));
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("armet: " + e.getMessage());
    } catch (IOException e) {
      err.println("armet: cannot read " + config + ": " + e.getMessage());
    }
    return Optional.empty();
  }

  /**
   * The configuration, with an {@link ArmetFilter} whose sessions live in the {@code --store}
   * (opened here, closed when the server stops), and ACME's certificate there too when the store is
   * shared (Redis, PostgreSQL, MariaDB).
   */
  private ArmetServerConfig.Builder configure() throws IOException {
    ArmetServerConfig.Builder b = ServerSettings.load(config, variables);
    if (user != null) {
      b.user(user);
    }
    if (group != null) {
      b.group(group);
    }
    // The environment and data folder decide how the filter and store are built.
    ArmetServerConfig settled = b.filter(ArmetFilter.create(a -> a.noSessions().noCsrf())).build();
    Stores stores = openStores.apply(settled.dataDirectory());
    ArmetEnvironment env = settled.environment();
    // One recording gate decides for every component built here: what it refuses becomes a
    // self-check finding, so doctor lists each of them and serve refuses to start in production.
    ProductionGate gate = ProductionGate.recording(env, variables);
    b.selfCheck(gate);
    try {
      Keyring keyring = gate.keyring("sessions.keyring", null);
      b.filter(
          ArmetFilter.create(
              a ->
                  a.gate(gate)
                      .keyring(keyring)
                      .sessions(
                          ServerSessions.create(
                              s -> s.gate(gate).keyring(keyring).store(stores.sessions())))));
      // ACME keeps its certificate where the other instances find it; sealed when secrets are set.
      if (settled.tls().acme().isPresent() && stores.sharedRecords().isPresent()) {
        Keyring sealing = Secrets.fromEnvironment(variables).isEmpty() ? null : keyring;
        b.tls(t -> t.acme(a -> a.sharedStore(stores.sharedRecords().get(), sealing)));
      }
    } catch (RuntimeException e) {
      closeQuietly(stores, e);
      throw e;
    }
    return b.closeOnStop(stores);
  }

  private static void closeQuietly(AutoCloseable resource, RuntimeException cause) {
    try {
      resource.close();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }
}
