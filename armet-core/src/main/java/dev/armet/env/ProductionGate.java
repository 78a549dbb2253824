package dev.armet.env;

import dev.armet.check.Finding;
import dev.armet.check.SelfCheck;
import dev.armet.keys.Keyring;
import dev.armet.ratelimit.InMemoryRateLimitStore;
import dev.armet.session.MemorySessionStore;
import dev.armet.spi.ObservedStores;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.SessionStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The one place Armet decides what production refuses. Sessions, CSRF protection, rate limiters,
 * the login throttle and the HTTP rate limits all ask it at build time; each refusal names the
 * setting and the fix. {@link ArmetEnvironment#PRODUCTION} fails closed: a refusal throws an {@link
 * IllegalStateException} whose message reads {@code <setting>: <problem>; <fix>
 * (ARMET_ENV=production)}. {@link ArmetEnvironment#DEVELOPMENT} logs the same text as a warning and
 * goes on (with an in-memory store or a generated secret where nothing was configured).
 *
 * <p>A {@linkplain #recording recording} gate throws nothing: it only collects its findings (errors
 * in production, warnings in development), and as a {@link SelfCheck} hands them to a start-up
 * self-check, so {@code armet doctor} lists exactly what the gate found and {@code armet serve}
 * refuses to start in production on any of them. Every gate keeps its findings ({@link
 * #findings()}). Thread-safe.
 *
 * <pre>{@code
 * ProductionGate gate = ProductionGate.of(ArmetEnvironment.PRODUCTION);
 * ServerSessions sessions = ServerSessions.create(s -> s.gate(gate).store(redisSessions));
 * // throws IllegalStateException: "sessions.keyring: ...; set ARMET_SECRETS to ..." when unset
 * }</pre>
 */
public final class ProductionGate implements SelfCheck {
  private static final System.Logger LOG = System.getLogger("armet.env");
  private static final String SECRETS_FIX =
      "set ARMET_SECRETS to the output of `armet keys generate`";

  private final ArmetEnvironment environment;
  private final boolean recording;
  private final Map<String, String> variables;
  private final List<Finding> findings = new ArrayList<>();

  /** Keyrings a recording gate generated in place of refused secrets, to build on regardless. */
  private final Set<Keyring> stopGap = Collections.newSetFromMap(new ConcurrentHashMap<>());

  private ProductionGate(
      ArmetEnvironment environment, boolean recording, Map<String, String> variables) {
    this.environment = Objects.requireNonNull(environment, "environment");
    this.recording = recording;
    this.variables = Objects.requireNonNull(variables, "variables");
  }

  /**
   * A gate that refuses in production and warns in development, for {@code environment}, or for the
   * one {@code ARMET_ENV} names (development when unset) when it is null.
   */
  public static ProductionGate of(@Nullable ArmetEnvironment environment) {
    return new ProductionGate(
        environment != null
            ? environment
            : ArmetEnvironment.fromEnvironment(ArmetEnvironment.DEVELOPMENT),
        false,
        System.getenv());
  }

  /**
   * A gate that refuses in production and warns in development, reading secrets from {@code
   * variables} ({@code ARMET_SECRETS}, {@code ARMET_SECRETS_FILE}) instead of the process
   * environment: for a framework that has its own view of the environment.
   */
  public static ProductionGate of(ArmetEnvironment environment, Map<String, String> variables) {
    return new ProductionGate(environment, false, variables);
  }

  /**
   * A gate that never throws: it collects what it finds, for a self-check to report ({@code armet
   * doctor}) or to refuse on ({@code armet serve}). Secrets are read from {@code variables} ({@code
   * ARMET_SECRETS}, {@code ARMET_SECRETS_FILE}). Use it only where its findings are run as a {@link
   * SelfCheck} before anything is served.
   */
  public static ProductionGate recording(
      ArmetEnvironment environment, Map<String, String> variables) {
    return new ProductionGate(environment, true, variables);
  }

  /** The mode this gate decides for. */
  public ArmetEnvironment environment() {
    return environment;
  }

  /** Whether production refusals throw (false for a {@link #recording} gate). */
  public boolean isRecording() {
    return recording;
  }

  /**
   * A refusal: {@code setting} (e.g. {@code sessions.store}) is unsafe because of {@code problem};
   * {@code fix} says what to do. Throws in production unless recording; otherwise logs a warning
   * (development) and records the finding.
   *
   * @throws IllegalStateException in production, unless this gate is recording
   */
  public void refuse(String setting, @Nullable String problem, String fix) {
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(fix, "fix");
    String message = setting + ": " + problem;
    Finding finding =
        environment.isProduction()
            ? Finding.error(topic(setting), message, fix)
            : Finding.warning(topic(setting), message, fix);
    boolean added;
    synchronized (findings) {
      // Once per gate: a component may check what another built through the same gate did.
      added = !findings.contains(finding) && findings.add(finding);
    }
    if (environment.isProduction() && !recording) {
      throw new IllegalStateException(
          message + "; " + fix + " (" + ArmetEnvironment.VARIABLE + "=production)");
    }
    if (added && !recording) {
      LOG.log(System.Logger.Level.WARNING, message + "; " + fix + " (refused in production)");
    }
  }

  /**
   * The keyring that signs or seals for {@code setting}: {@code configured}, else one from {@code
   * ARMET_SECRETS}. A missing, generated or weak secret is refused.
   *
   * @throws IllegalStateException in production (not recording) for such a secret
   */
  public Keyring keyring(String setting, @Nullable Keyring configured) {
    if (configured != null && stopGap.contains(configured)) {
      return configured; // refused already, when this gate made it
    }
    Keyring keyring = configured != null ? configured : fromSecrets(setting);
    if (keyring == null) { // recording, production, no usable secret: refused already
      Keyring generated = Keyring.create(k -> k.environment(ArmetEnvironment.DEVELOPMENT));
      stopGap.add(generated);
      return generated;
    }
    if (!keyring.isProductionReady()) {
      refuse(setting, "a secret is missing, generated or weak", SECRETS_FIX);
    }
    return keyring;
  }

  /**
   * The keyring a component's subjects are hashed under in a store shared between instances (rate
   * limiters, the login throttle). In production that needs {@code ARMET_SECRETS}: without it every
   * instance hashes under its own random key and no two instances count together. Returns {@code
   * configured}, else in production one from {@code ARMET_SECRETS}, else (in development) null,
   * meaning {@link dev.armet.keys.KeyedHash#processDefault}.
   *
   * @throws IllegalStateException in production (not recording) when no production-ready secret is
   *     configured
   */
  public @Nullable Keyring subjectKeyring(String setting, @Nullable Keyring configured) {
    if (configured == null && !environment.isProduction()) {
      return null;
    }
    return keyring(setting, configured);
  }

  /**
   * The session store to use: {@code configured}, else a new {@link MemorySessionStore}; the
   * in-memory store is refused (it loses sessions on restart and is not shared).
   *
   * @throws IllegalStateException in production (not recording) for an in-memory store
   */
  public SessionStore sessionStore(String setting, @Nullable SessionStore configured) {
    SessionStore store = configured != null ? configured : new MemorySessionStore();
    if (ObservedStores.unwrap(store) instanceof MemorySessionStore) { // seen through the metrics
      refuse(
          setting,
          (configured == null ? "no store configured, so " : "")
              + "MemorySessionStore loses sessions on restart and is not shared between instances",
          "use RedisSessionStore (armet-redis) or JdbcSessionStore (armet-jdbc)");
    }
    return store;
  }

  /**
   * The rate-limit store to use: {@code configured}, else a new bounded {@link
   * InMemoryRateLimitStore}. In production the in-memory store is refused (each instance would
   * count alone, and a restart forgets every limit); in development it is used without a warning,
   * as today.
   *
   * @throws IllegalStateException in production (not recording) for an in-memory store
   */
  public RateLimitStore rateLimitStore(String setting, @Nullable RateLimitStore configured) {
    RateLimitStore store = configured != null ? configured : InMemoryRateLimitStore.create();
    if (ObservedStores.unwrap(store) instanceof InMemoryRateLimitStore
        && environment.isProduction()) {
      refuse(
          setting,
          (configured == null ? "no store configured, so " : "")
              + "the in-memory store keeps counters per instance and loses them on restart",
          "use the Redis or JDBC rate-limit store (RedisStores.rateLimits(),"
              + " JdbcStores.rateLimits())");
    }
    return store;
  }

  /** Everything this gate has found so far, in order. */
  public List<Finding> findings() {
    synchronized (findings) {
      return List.copyOf(findings);
    }
  }

  /** {@link #findings()}: what the components built through this gate were refused. */
  @Override
  public List<Finding> check(ArmetEnvironment ignored) {
    return findings();
  }

  private @Nullable Keyring fromSecrets(String setting) {
    try {
      return Keyring.create(k -> k.environment(environment).fromEnvironment(variables));
    } catch (IllegalStateException e) { // production without a usable secret
      refuse(setting, e.getMessage(), SECRETS_FIX);
      return null; // only reached when recording
    }
  }

  /**
   * The finding's topic: {@code secrets} for a {@code *.keyring}, {@code stores} for a {@code
   * *.store}, {@code cookies} for a {@code *.cookie}, else the component.
   */
  private static String topic(String setting) {
    int dot = setting.lastIndexOf('.');
    String last = dot >= 0 ? setting.substring(dot + 1) : setting;
    switch (last) {
      case "keyring":
        return "secrets";
      case "store":
        return "stores";
      case "cookie":
        return "cookies";
      default:
        return dot > 0 ? setting.substring(0, setting.indexOf('.')) : setting;
    }
  }

  @Override
  public String toString() {
    return "ProductionGate[" + environment + (recording ? ", recording" : "") + "]";
  }
}
