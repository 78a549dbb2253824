package @@PACKAGE@@;

import dev.armet.env.ArmetEnvironment;
import dev.armet.event.SecurityEventSink;
import dev.armet.jdbc.JdbcStores;
import dev.armet.keys.Keyring;
import dev.armet.login.LoginThrottle;
import dev.armet.server.ArmetServer;
import dev.armet.server.ArmetServerConfig;
import dev.armet.server.ServerSettings;
import dev.armet.servlet.ArmetFilter;
import dev.armet.session.ServerSessions;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The application: an Armet server (TLS, HTTP/2, security headers, error pages) with the Armet
 * filter (server sessions, CSRF protection), a sign-in behind Armet's login throttle, and its
 * routes: {@code /} (a page with a form), {@code /api/status} (JSON), {@code /login},
 * {@code /logout}.
 *
 * <p>The mode comes from {@code ARMET_ENV}: {@code development} (the default: a self-signed
 * certificate for localhost, a generated secret, a demo account) or {@code production} (a real
 * certificate, {@code ARMET_SECRETS}, no demo account; the server refuses to start otherwise).
 * Server settings are the {@code ARMET_*} variables ({@code ARMET_SERVER_HTTPS_PORT},
 * {@code ARMET_TLS_CERTIFICATE}, ...); {@code ARMET_STORE} names the SQL store of sessions and
 * lock-outs ({@code sqlite} in the data folder by default, {@code postgresql://...} for several
 * instances); {@code APP_DATA} the data folder ({@code data}).
 */
public final class App {
  /** The demo account of development mode, never created in production. */
  static final String DEMO_USER = "demo";
  static final String DEMO_PASSWORD = "correct horse battery staple";

  private App() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    ArmetServer server = create(env, Path.of(env.getOrDefault("APP_DATA", "data")), c -> {}).start();
    server.join();
  }

  /**
   * The server, not yet started, configured from {@code env} ({@code ARMET_ENV}, the
   * {@code ARMET_*} settings, {@code ARMET_STORE}, {@code ARMET_SECRETS}), keeping its files in
   * {@code data}; {@code more} adjusts the configuration last (tests choose port 0).
   */
  public static ArmetServer create(Map<String, String> env, Path data, Consumer<ArmetServerConfig.Builder> more)
      throws IOException {
    ArmetEnvironment mode = ArmetEnvironment.from(env, ArmetEnvironment.DEVELOPMENT);
    Files.createDirectories(data);
    SecurityEventSink events = SecurityEventSink.logging();
    Keyring keyring = Keyring.create(k -> k.environment(mode).fromEnvironment(env));
    JdbcStores stores = JdbcStores.open(env.getOrDefault("ARMET_STORE", "sqlite"), s -> s.dataFolder(data));
    Accounts accounts = Accounts.open(data.resolve("accounts.db"), new Argon2idHasher());
    if (!mode.isProduction()) {
      accounts.createIfAbsent(DEMO_USER, DEMO_PASSWORD.toCharArray());
    }
    LoginThrottle throttle = LoginThrottle.builder().store(stores.rateLimits()).keyring(keyring).events(events)
        .build();
    ArmetFilter filter = ArmetFilter.create(f -> f
        .environment(mode)
        .keyring(keyring)
        .events(events)
        .sessions(ServerSessions.create(s -> s.environment(mode).keyring(keyring).store(stores.sessions())
            .events(events))));
    TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    ArmetServerConfig.Builder config = ArmetServerConfig.builder()
        .environment(mode)
        .dataDirectory(data)
        .filter(filter)
        .servlet("", new HomeServlet(templates)) // "" is the context root only
        .servlet("/api/status", new StatusServlet())
        .servlet("/login", new LoginServlet(templates, accounts, throttle))
        .servlet("/logout", new LogoutServlet())
        .staticResources("/static", staticFolder())
        .closeOnStop(accounts)
        .closeOnStop(stores);
    ServerSettings.apply(config, null, env);
    more.accept(config);
    return ArmetServer.create(config.build());
  }

  private static java.net.URI staticFolder() {
    try {
      return App.class.getResource("/static/").toURI();
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("the static folder is missing from the class path", e);
    }
  }
}
