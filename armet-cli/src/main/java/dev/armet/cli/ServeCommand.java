package dev.armet.cli;

import dev.armet.check.Finding;
import dev.armet.env.ArmetEnvironment;
import dev.armet.server.ArmetServer;
import dev.armet.server.ArmetServerConfig;
import dev.armet.server.ServerSettings;
import dev.armet.server.StartupRefusedException;
import dev.armet.servlet.ArmetFilter;
import dev.armet.session.ServerSessions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code armet serve}: the hardened server from a configuration file and {@code ARMET_*}
 * variables, serving {@code server.static-dir} at {@code /}. Runs until SIGTERM, then stops
 * gracefully.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = ArmetVersion.class,
    description = {
        "Runs the hardened server configured by FILE (properties; keys in docs/CONFIGURATION.md) and ARMET_*",
        "variables, which override it. Production (the default) refuses to start on any self-check error;",
        "run 'armet doctor' to see them. With --user, binds as root and then runs as that user."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:stopped",
        "1:run-time failure (port in use, certificate unreadable, privilege drop failed)",
        "2:usage or configuration error, or a self-check error in production"})
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (properties).")
  Path config;

  @Option(names = "--user", paramLabel = "USER", description = "User to run as after binding (server.user).")
  String user;

  @Option(names = "--group", paramLabel = "GROUP", description = "Group to run as (server.group).")
  String group;

  @Option(names = "--store", paramLabel = "URI", description = {
      "Where sessions and rate limits live: redis://host:port/db, rediss://…, postgresql://…,",
      "mariadb://…, or sqlite (the default: a file in the data folder). Default: $ARMET_STORE or sqlite."})
  String store;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ArmetServer server;
    try {
      server = ArmetServer.create(configure(config, user, group, store).build());
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("armet: " + e.getMessage());
      return Main.USAGE;
    } catch (IOException e) {
      err.println("armet: cannot read " + config + ": " + e.getMessage());
      return Main.USAGE;
    }
    try {
      server.start();
    } catch (StartupRefusedException e) {
      err.println("armet: " + e.getMessage());
      return Main.USAGE;
    } catch (IOException | IllegalStateException e) {
      err.println("armet: the server could not start: " + e.getMessage());
      return Main.FAILURE;
    }
    out.printf("Armet serving in %s mode: %s (%s redirects to it)%n", server.environment(), server.httpsUri(),
        server.httpUri());
    out.flush();
    server.join();
    return Main.OK;
  }

  /**
   * The configuration from FILE and the environment, with the command-line user and group, and
   * an {@link ArmetFilter} whose sessions live in the store {@code storeUri} (opened here and
   * closed when the server stops).
   *
   * @throws IllegalStateException in production, for a weak or missing secret (naming the fix)
   */
  static ArmetServerConfig.Builder configure(Path file, String user, String group, String storeUri)
      throws IOException {
    ArmetServerConfig.Builder b = ServerSettings.load(file, System.getenv());
    if (user != null) {
      b.user(user);
    }
    if (group != null) {
      b.group(group);
    }
    // The environment and data folder decide how the filter and store are built.
    ArmetServerConfig settled = b.filter(ArmetFilter.create(a -> a.noSessions().noCsrf())).build();
    OpenStores stores = OpenStores.open(OpenStores.choose(storeUri), settled.dataDirectory());
    ArmetEnvironment env = settled.environment();
    try {
      b.filter(ArmetFilter.create(a -> a.environment(env)
          .sessions(ServerSessions.create(s -> s.environment(env).store(stores.sessions())))));
    } catch (IllegalStateException unsafe) {
      // Production refused the sessions or CSRF set-up (a missing or weak secret): a self-check
      // error, so that doctor lists it with the rest and serve refuses to start naming it.
      b.selfCheck(e -> List.of(Finding.error("secrets", unsafe.getMessage(),
          "set ARMET_SECRETS to the output of `armet keys generate`")));
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
