package dev.armet.cli;

import dev.armet.demo.DemoApplication;
import dev.armet.demo.DemoStores;
import dev.armet.env.ArmetEnvironment;
import dev.armet.event.SecurityEventSink;
import dev.armet.internal.env.MaskedUri;
import dev.armet.keys.Keyring;
import dev.armet.server.ArmetServer;
import dev.armet.server.ArmetServerConfig;
import dev.armet.server.ServerSettings;
import dev.armet.server.StartupRefusedException;
import dev.armet.servlet.ArmetFilter;
import dev.armet.spi.Stores;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code armet demo}: starts the demo application on the hardened server, prints where, and runs
 * until Ctrl-C or SIGTERM, then stops gracefully. Listens on the loopback interface only.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = ArmetVersion.class,
    description = {
      "Starts the Armet demo on https://localhost:8443 (and http://localhost:8080, which redirects to it)",
      "with a self-signed development certificate kept in the data folder.",
      "Listens on 127.0.0.1 unless server.bind-address says otherwise. The mode comes from ARMET_ENV",
      "(development unless set). Takes every setting of 'armet serve': --config FILE and ARMET_* variables."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped",
      "1:run-time failure (port in use, store unreachable, privilege drop failed)",
      "2:usage or configuration error, or a self-check error in production"
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--https-port",
      paramLabel = "N",
      description = "HTTPS port (0: any free port). Default: server.https-port, else 8443.")
  Integer httpsPort;

  @Option(
      names = "--http-port",
      paramLabel = "N",
      description =
          "HTTP port that redirects to HTTPS (0: any free port). Default: server.http-port, else 8080.")
  Integer httpPort;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Data folder (the development certificate lives in DIR/tls). Default: server.data-dir, else ./data.")
  Path data;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = {
        "Server configuration file (properties; keys in docs/CONFIGURATION.md), as for 'armet serve'.",
        "ARMET_* variables override it, and the options above override both."
      })
  Path config;

  @Option(
      names = "--user",
      paramLabel = "USER",
      description = "User the demo runs as after binding (server.user).")
  String user;

  @Option(
      names = "--group",
      paramLabel = "GROUP",
      description = "Group the demo runs as (server.group).")
  String group;

  @Option(
      names = "--store",
      paramLabel = "URI",
      description = {
        "Where sessions, rate limits and lockouts live: redis://host:port/db, rediss://…, postgresql://…,",
        "mariadb://…, or sqlite (the default: DIR/armet.db, kept across restarts). Default: $ARMET_STORE or sqlite.",
        "Instances given the same store and ARMET_SECRETS share sessions and lockouts."
      })
  String store;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    checkPort("--https-port", httpsPort);
    checkPort("--http-port", httpPort);
    Path dataFolder;
    try {
      // The demo's defaults, then the file and ARMET_* (as 'armet serve' reads them), then the
      // options.
      dataFolder =
          configure(
                  ArmetServerConfig.builder()
                      .environment(ArmetEnvironment.fromEnvironment(ArmetEnvironment.DEVELOPMENT))
                      .filter(ArmetFilter.create(a -> a.noSessions().noCsrf())))
              .build()
              .dataDirectory();
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("armet: " + e.getMessage());
      return Main.USAGE;
    } catch (IOException e) {
      err.println("armet: cannot read " + config + ": " + e.getMessage());
      return Main.USAGE;
    }
    String storeUri = OpenStores.choose(store);
    Stores stores;
    try {
      stores = OpenStores.open(storeUri, dataFolder);
    } catch (IllegalArgumentException e) {
      err.println("armet: " + e.getMessage());
      return Main.USAGE;
    } catch (RuntimeException e) {
      err.println("armet: the store could not be opened: " + e.getMessage());
      return Main.FAILURE;
    }
    ArmetServer server;
    try {
      // One rate-limit store serves the route limits and the login throttle: policy names keep
      // their counters apart.
      DemoStores demoStores =
          DemoStores.of(stores.sessions(), stores.rateLimits(), stores.rateLimits());
      DataSource sql = OpenStores.sqlOf(stores);
      if (sql != null) {
        demoStores = demoStores.withAccounts(sql); // accounts beside the sessions
      }
      Keyring keyring =
          DemoSecrets.keyring(
              ArmetEnvironment.fromEnvironment(ArmetEnvironment.DEVELOPMENT), dataFolder);
      server =
          DemoApplication.create(
              demoStores,
              keyring,
              SecurityEventSink.logging(),
              c -> {
                try {
                  configure(c).closeOnStop(stores);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
    } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
      closeQuietly(stores);
      err.println("armet: " + e.getMessage());
      return Main.USAGE;
    }
    try {
      server.start();
    } catch (StartupRefusedException e) {
      err.println("armet: " + e.getMessage());
      return Main.USAGE;
    } catch (IOException | IllegalStateException e) {
      err.println("armet: the demo could not start: " + e.getMessage());
      return Main.FAILURE;
    }
    CountDownLatch reported = awaitReportOnShutdown(server);
    out.printf(
        "Armet demo running in %s mode (set ARMET_ENV to change it)%n", server.environment());
    out.printf("  %s%n", server.httpsUri());
    out.printf("  %s redirects to HTTPS%n", server.httpUri());
    out.printf("  store: %s%n", MaskedUri.of(storeUri));
    if (server.config().tls().hasCertificate()) {
      out.printf("  certificate: %s%n", server.config().tls().certificateFiles().get(0));
    } else {
      out.printf(
          "  certificate: %s (self-signed, for localhost; your browser will ask you to accept it)%n",
          server.config().dataDirectory().resolve("tls").resolve("localhost-cert.pem"));
    }
    out.println("Press Ctrl-C to stop.");
    out.flush();
    try {
      server.join();
    } finally {
      out.println("Armet demo stopped.");
      out.flush();
      reported.countDown();
    }
    return Main.OK;
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception ignored) {
      // Start-up already failed; that error is the one to report.
    }
  }

  /**
   * The demo's defaults (loopback only, 8443/8080, ./data), then every setting 'armet serve' reads
   * (the file, then ARMET_*), then the command-line options.
   */
  private ArmetServerConfig.Builder configure(ArmetServerConfig.Builder b) throws IOException {
    b.httpsPort(ArmetServerConfig.DEFAULT_HTTPS_PORT)
        .httpPort(ArmetServerConfig.DEFAULT_HTTP_PORT)
        .bindAddress("127.0.0.1")
        .dataDirectory(Path.of("data"));
    ServerSettings.apply(b, config, System.getenv());
    if (httpsPort != null) {
      b.httpsPort(httpsPort);
    }
    if (httpPort != null) {
      b.httpPort(httpPort);
    }
    if (data != null) {
      b.dataDirectory(data);
    }
    if (user != null) {
      b.user(user);
    }
    if (group != null) {
      b.group(group);
    }
    return b;
  }

  private void checkPort(String option, Integer port) {
    if (port != null && (port < 0 || port > 65535)) {
      throw new ParameterException(
          spec.commandLine(),
          option + " must be between 0 and 65535 (0: any free port), was " + port);
    }
  }

  /**
   * The server stops itself on JVM shutdown; this hook only holds the JVM until the main thread has
   * reported the stop, so the last line is not lost.
   */
  private static CountDownLatch awaitReportOnShutdown(ArmetServer server) {
    CountDownLatch reported = new CountDownLatch(1);
    long waitMillis = server.config().stopTimeout().toMillis() + 2_000;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    reported.await(waitMillis, TimeUnit.MILLISECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "armet-demo-shutdown"));
    return reported;
  }
}
