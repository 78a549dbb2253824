package dev.armet.servlet;

import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import dev.armet.spi.ObservedStores;
import dev.armet.spi.StoreObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer counters derived from Armet's security events, with bounded tags only (never an
 * address, a user or a raw path): {@code armet.requests.rejected{control,reason}}, {@code
 * armet.csp.reports{directive,disposition}}, {@code armet.sessions{event}}, {@code
 * armet.login.attempts{outcome}}, {@code armet.store.fallback{store,then}} (a rate-limit decision
 * the failure policy made because the store failed: {@code then=fail_closed} or {@code insurance}),
 * and, for decorated stores, the timer {@code armet.store.operations{store,op,outcome}} ({@link
 * #storeObserver}). Reads both the event names of the brief's vocabulary and the older dotted ones.
 *
 * <p>Micrometer ({@code io.micrometer:micrometer-core}) is an optional dependency: this class and
 * the timers behind {@link #storeObserver} are the only ones of armet-servlet that name it, and
 * they are loaded only when a registry is given ({@link ArmetFilterBuilder#meterRegistry}), so
 * nothing is counted and nothing loads without it. The counters see every event before the {@code
 * EventGate} that bounds the log.
 *
 * <pre>{@code
 * ArmetFilter filter = ArmetFilter.create(a -> a.meterRegistry(registry));
 * }</pre>
 */
// Micrometer is optional (requires static): only an application that has it calls these methods.
@SuppressWarnings("exports")
public final class ArmetMetrics {
  private static final Set<String> DIRECTIVES =
      Set.of(
          "default-src",
          "script-src",
          "script-src-elem",
          "script-src-attr",
          "style-src",
          "style-src-elem",
          "style-src-attr",
          "img-src",
          "font-src",
          "connect-src",
          "media-src",
          "object-src",
          "frame-src",
          "child-src",
          "worker-src",
          "manifest-src",
          "base-uri",
          "form-action",
          "frame-ancestors",
          "upgrade-insecure-requests",
          "trusted-types",
          "require-trusted-types-for");
  private static final Set<String> REASONS =
      Set.of(
          "fetch_metadata",
          "origin",
          "referer",
          "token_missing",
          "token_invalid",
          "cross_site",
          "null_origin",
          "exceeded",
          "store_unavailable",
          "locked",
          "account_locked_for_address",
          "address_blocked",
          "unavailable",
          "too_large",
          "malformed");

  private ArmetMetrics() {}

  /** A sink that counts each event on {@code registry}, then passes it to {@code next}. */
  public static SecurityEventSink counting(MeterRegistry registry, SecurityEventSink next) {
    java.util.Objects.requireNonNull(registry, "registry");
    java.util.Objects.requireNonNull(next, "next");
    return event -> {
      count(registry, event);
      next.record(event);
    };
  }

  /**
   * Times every operation of a store decorated with it ({@link ObservedStores}) as {@code
   * armet.store.operations{store,op,outcome}} on {@code registry} (tags as {@link StoreObserver}
   * lists them). {@link ArmetFilterBuilder#meterRegistry} does this for the stores the filter
   * builds; decorate the stores of components you build yourself:
   *
   * <pre>{@code
   * StoreObserver timers = ArmetMetrics.storeObserver(registry);
   * ServerSessions.create(s -> s.store(ObservedStores.sessions(redis.sessions(), timers)));
   * }</pre>
   */
  public static StoreObserver storeObserver(MeterRegistry registry) {
    return new StoreTimers(java.util.Objects.requireNonNull(registry, "registry"));
  }

  /** Counts one event on {@code r} (events that no meter describes are ignored). */
  public static void count(MeterRegistry r, SecurityEvent event) {
    Map<String, Object> f = event.fields();
    switch (event.type()) {
      case "malicious_csrf", "csrf.refused" -> {
        if (!"report_only".equals(f.get("disposition"))) {
          rejected(r, "csrf", f.get("reason"));
        }
      }
      case "excess_rate_limit_exceeded", "ratelimit.refused" ->
          rejected(r, "ratelimit", "exceeded");
      case "excess_rate_limit_store_unavailable", "ratelimit.unavailable" -> {
        if (f.containsKey("then")) { // RateLimiter: the store failed, the fallback decided
          Counter.builder("armet.store.fallback")
              .description("Rate-limit decisions made without the store, which failed")
              .tag("store", "rate_limits")
              .tag("then", "insurance store".equals(f.get("then")) ? "insurance" : "fail_closed")
              .register(r)
              .increment();
        } else { // HttpRateLimits answered 503
          rejected(r, "ratelimit", "store_unavailable");
        }
      }
      case "csp_report_rejected", "csp.report.too_large", "csp.report.malformed" ->
          rejected(
              r,
              "size",
              f.getOrDefault(
                  "reason", event.type().endsWith("malformed") ? "malformed" : "too_large"));
      case "authn_login_lock" -> {
        if (f.containsKey("reason")) { // a refused attempt (SecurityBridgeFilter)
          rejected(r, "login", f.get("reason"));
          count(r, "armet.login.attempts", "outcome", "locked");
        }
      }
      case "authn_login_fail" -> count(r, "armet.login.attempts", "outcome", "failure");
      case "authn_login_success" -> count(r, "armet.login.attempts", "outcome", "success");
      case "session_created", "session.created" -> count(r, "armet.sessions", "event", "created");
      case "session_renewed", "session.renewed" -> count(r, "armet.sessions", "event", "rotated");
      case "session_expired", "session.expired" -> count(r, "armet.sessions", "event", "expired");
      case "session_tampered", "session.cookie.rejected" ->
          count(r, "armet.sessions", "event", "tampered");
      case "csp_violation", "csp.violation" ->
          Counter.builder("armet.csp.reports")
              .tag("directive", bounded(f.get("directive"), DIRECTIVES))
              .tag("disposition", "report".equals(f.get("disposition")) ? "report" : "enforce")
              .register(r)
              .increment();
      default -> {}
    }
  }

  private static void rejected(MeterRegistry r, String control, @Nullable Object reason) {
    Counter.builder("armet.requests.rejected")
        .description("Requests Armet refused")
        .tag("control", control)
        .tag("reason", bounded(reason, REASONS))
        .register(r)
        .increment();
  }

  private static void count(MeterRegistry r, String name, String tag, String value) {
    Counter.builder(name).tag(tag, value).register(r).increment();
  }

  /** A tag value from a closed set, or "other": a tag never carries attacker-chosen text. */
  static String bounded(@Nullable Object value, Set<String> allowed) {
    String v = value == null ? "" : value.toString().toLowerCase(Locale.ROOT).replace('-', '_');
    return allowed.contains(v) || allowed.contains(v.replace('_', '-'))
        ? (allowed.contains(v) ? v : v.replace('_', '-'))
        : "other";
  }
}
