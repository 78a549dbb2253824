package dev.armet.demo;

import dev.armet.env.ArmetEnvironment;
import dev.armet.event.SecurityEventSink;
import dev.armet.keys.Keyring;
import dev.armet.login.LoginThrottle;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.server.ArmetServer;
import dev.armet.server.ArmetServerConfig;
import dev.armet.servlet.ArmetFilter;
import dev.armet.servlet.HttpRateLimits;
import dev.armet.session.ServerSessions;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The reference application: a hardened {@link ArmetServer} with every Armet practice at work.
 * Routes: {@code GET /} (visit counter, a stored-XSS attempt made harmless, the CSP checks), {@code
 * /signup}, {@code /login} (Argon2id behind the {@link LoginThrottle} and a per-address rate
 * limit), {@code POST /logout}, {@code /account/password}, {@code POST /account/delete}, {@code
 * /account/sessions} (with {@code POST /account/sessions/revoke} and {@code /revoke-all}), {@code
 * /notes} (rich text through the OWASP HTML Sanitizer), {@code /search?q=} (the user's regex under
 * {@code SafePattern}) and {@code /check-file} ({@code file --mime-type} on an upload, never
 * through a shell). Pages are jte templates in HTML mode; every page shows what protects it.
 * Accounts and notes are in SQL through prepared statements only ({@link DemoStores#withAccounts},
 * else SQLite in the data folder).
 *
 * <p>The mode comes from {@code ARMET_ENV} (development when unset). Only development has the demo
 * account ({@code demo} / {@code armet-demo-password}); production deletes it if a development run
 * left it behind, and refuses the in-memory stores, so it needs shared ones passed in as {@link
 * DemoStores}.
 *
 * <pre>{@code
 * ArmetServer server = DemoApplication.create(c -> c.httpsPort(8443).httpPort(8080)).start();
 * server.join();
 * }</pre>
 */
public final class DemoApplication {
  /** The Reporting API endpoint group named in CSP {@code report-to}. */
  public static final String REPORT_GROUP = "csp-endpoint";

  /** Sign-in posts one client address may make: a burst of 20, then one every 3 seconds. */
  static final RateLimitPolicy LOGIN_POSTS =
      RateLimitPolicy.tokenBucket("login-posts", 20, Duration.ofMinutes(1));

  /** Sign-up posts one client address may make: a burst of 20, then one every 3 seconds. */
  static final RateLimitPolicy SIGNUP_POSTS =
      RateLimitPolicy.tokenBucket("signup-posts", 20, Duration.ofMinutes(1));

  /** File checks one client address may run: a burst of 20, then one every 3 seconds. */
  static final RateLimitPolicy FILE_CHECKS =
      RateLimitPolicy.tokenBucket("file-checks", 20, Duration.ofMinutes(1));

  private DemoApplication() {}

  /** The demo server on in-memory stores, security events logged. */
  public static ArmetServer create(Consumer<ArmetServerConfig.Builder> config) {
    return create(DemoStores.inMemory(), SecurityEventSink.logging(), config);
  }

  /** The demo server on in-memory stores, security events sent to {@code events}. */
  public static ArmetServer create(
      SecurityEventSink events, Consumer<ArmetServerConfig.Builder> config) {
    return create(DemoStores.inMemory(), events, config);
  }

  /**
   * The demo server keeping its state in {@code stores}; {@code config} adjusts ports, data folder
   * and so on. The mode is {@code ARMET_ENV}'s, for the server and the application alike.
   *
   * @throws IllegalArgumentException if {@code config} sets a mode other than {@code ARMET_ENV}'s
   * @throws IllegalStateException in production, for in-memory stores or weak secrets
   */
  public static ArmetServer create(
      DemoStores stores, SecurityEventSink events, Consumer<ArmetServerConfig.Builder> config) {
    ArmetEnvironment environment = ArmetEnvironment.fromEnvironment(ArmetEnvironment.DEVELOPMENT);
    return create(stores, keyringFor(environment), events, config);
  }

  /**
   * The demo with its stores and the key ring that signs its cookies (sessions survive a restart
   * when both the store and the key ring do).
   *
   * @throws IllegalArgumentException if {@code config} sets a mode other than {@code ARMET_ENV}'s
   * @throws IllegalStateException in production, for in-memory stores or weak secrets
   */
  public static ArmetServer create(
      DemoStores stores,
      Keyring keyring,
      SecurityEventSink events,
      Consumer<ArmetServerConfig.Builder> config) {
    ArmetEnvironment environment = ArmetEnvironment.fromEnvironment(ArmetEnvironment.DEVELOPMENT);
    LoginThrottle throttle =
        LoginThrottle.builder()
            .environment(environment)
            .store(stores.loginThrottle())
            .keyring(keyring)
            .events(events)
            .build();
    ArmetServerConfig.Builder b =
        ArmetServerConfig.builder()
            .environment(environment)
            .filter(filter(environment, stores, keyring, events));
    config.accept(b);
    // The data folder is known once the caller's settings are in: it holds the default database.
    DemoDatabase db =
        stores
            .accounts()
            .map(DemoDatabase::of)
            .orElseGet(() -> DemoDatabase.sqlite(b.build().dataDirectory()));
    DemoAccounts accounts = DemoAccounts.open(db, environment);
    Notes notes = new Notes(db);
    PasswordServlet password = new PasswordServlet(accounts, throttle, stores.sessions(), events);
    b.servlet("", new HomeServlet()) // "" maps the context root only
        .servlet("/signup", new SignupServlet(accounts, events))
        .servlet("/login", new LoginServlet(accounts, throttle, events))
        .servlet("/logout", new LogoutServlet())
        .servlet("/account/password", password)
        .servlet("/account/delete", password)
        .servlet("/account/sessions/*", new SessionsServlet(stores.sessions(), events))
        .servlet("/notes", new NotesServlet(notes))
        .servlet("/search", new SearchServlet(notes, events))
        .servlet("/check-file", new CheckFileServlet(CheckFileServlet.uploadFolder()))
        .staticResources("/static", staticFolder());
    ArmetServerConfig built = b.build();
    if (built.environment() != environment) {
      throw new IllegalArgumentException(
          "the demo runs in ARMET_ENV's mode ("
              + environment
              + ") but its server was configured for "
              + built.environment()
              + "; set ARMET_ENV instead");
    }
    return ArmetServer.create(built);
  }

  /**
   * The demo's filter on in-memory stores (as {@link #filter(ArmetEnvironment, DemoStores,
   * SecurityEventSink)}).
   */
  public static ArmetFilter filter(SecurityEventSink events) {
    return filter(
        ArmetEnvironment.fromEnvironment(ArmetEnvironment.DEVELOPMENT),
        DemoStores.inMemory(),
        events);
  }

  /**
   * The demo's filter: Helmet defaults plus a per-request nonce on {@code script-src}, violation
   * reports sent both ways ({@code report-uri} for older browsers, {@code report-to}), server
   * sessions and CSRF tokens under one key ring, and the sign-in rate limit, whose {@code
   * RateLimit} headers are sent on allowed answers too, so they can be watched counting down.
   */
  public static ArmetFilter filter(
      ArmetEnvironment environment, DemoStores stores, SecurityEventSink events) {
    return filter(environment, stores, keyringFor(environment), events);
  }

  static ArmetFilter filter(
      ArmetEnvironment environment, DemoStores stores, Keyring keyring, SecurityEventSink events) {
    return ArmetFilter.create(
        f ->
            f.environment(environment)
                .keyring(keyring)
                .events(events)
                // On Redis the request's thread is released while the store decides; memory and
                // SQL stores decide at once, as before. ArmetServer registers the filter for ASYNC.
                .asyncStoreCalls(true)
                .sessions(
                    ServerSessions.create(
                        s ->
                            s.environment(environment)
                                .keyring(keyring)
                                .store(stores.sessions())
                                .events(events)))
                .rateLimits(
                    HttpRateLimits.builder()
                        .environment(environment)
                        .keyring(keyring)
                        .store(stores.rateLimits())
                        .events(events)
                        .headersOnAllowed(true)
                        .route("/login", r -> r.methods("POST").limit(LOGIN_POSTS))
                        .route("/signup", r -> r.methods("POST").limit(SIGNUP_POSTS))
                        .route("/check-file", r -> r.methods("POST").limit(FILE_CHECKS))
                        .build())
                .headers(
                    h ->
                        h
                            // Stricter than Helmet's default: nothing is allowed unless named
                            // (default-src 'none'),
                            // and no 'unsafe-inline' for styles, which come from /static/armet.css
                            // only.
                            .contentSecurityPolicy(
                                csp ->
                                    csp.set("default-src", "'none'")
                                        .set("style-src", "'self'")
                                        .set("font-src", "'self'")
                                        .set("connect-src", "'self'")
                                        .set("frame-ancestors", "'none'")
                                        .nonce("script-src")
                                        .reportUri(ArmetFilter.DEFAULT_CSP_REPORT_PATH)
                                        .reportTo(REPORT_GROUP))
                            .reportingEndpoint(REPORT_GROUP, ArmetFilter.DEFAULT_CSP_REPORT_PATH)));
  }

  private static Keyring keyringFor(ArmetEnvironment environment) {
    return Keyring.create(k -> k.environment(environment).fromEnvironment(System.getenv()));
  }

  private static java.net.URI staticFolder() {
    try {
      return DemoApplication.class.getResource("static/").toURI();
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("the demo's static folder is missing from the class path", e);
    }
  }
}
