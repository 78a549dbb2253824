package dev.armet.cli;

import dev.armet.server.ArmetServer;
import dev.armet.server.StartupRefusedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code armet serve}: the hardened server from a configuration file and {@code ARMET_*} variables,
 * serving {@code server.static-dir} at {@code /}. Runs until SIGTERM, then stops gracefully.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = ArmetVersion.class,
    description = {
      "Runs the hardened server configured by FILE (properties; keys in docs/CONFIGURATION.md) and ARMET_*",
      "variables, which override it. Production (the default) refuses to start on any self-check error;",
      "run 'armet doctor' to see them. With --user, binds as root and then runs as that user."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped",
      "1:run-time failure (port in use, certificate unreadable, privilege drop failed)",
      "2:usage or configuration error, or a self-check error in production"
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ServerOptions options;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<ArmetServer> created = options.create(err);
    if (created.isEmpty()) {
      return Main.USAGE;
    }
    ArmetServer server = created.get();
    try {
      server.start();
    } catch (StartupRefusedException e) {
      err.println("armet: " + e.getMessage());
      return Main.USAGE;
    } catch (IOException | IllegalStateException e) {
      err.println("armet: the server could not start: " + e.getMessage());
      return Main.FAILURE;
    }
    out.printf(
        "Armet serving in %s mode: %s (%s redirects to it)%n",
        server.environment(), server.httpsUri(), server.httpUri());
    out.flush();
    server.join();
    return Main.OK;
  }
}
