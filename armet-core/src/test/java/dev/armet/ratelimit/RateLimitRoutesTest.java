package dev.armet.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.env.ArmetEnvironment;
import dev.armet.env.ProductionGate;
import dev.armet.internal.ratelimit.AddressKey;
import dev.armet.internal.ratelimit.OutcomeOnly;
import dev.armet.keys.Secrets;
import dev.armet.spi.LimitStatus;
import dev.armet.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The route-to-policy matching every adapter shares, without a servlet: the request is a map here,
 * its keys read by functions, as an adapter reads them from its own request type.
 */
class RateLimitRoutesTest {
  static final RateLimitPolicy ALL = RateLimitPolicy.fixedWindow("all", 100, Duration.ofMinutes(1));
  static final RateLimitPolicy LOGIN =
      RateLimitPolicy.fixedWindow("login", 1, Duration.ofMinutes(1));
  static final RateLimitPolicy API = RateLimitPolicy.fixedWindow("api", 1, Duration.ofMinutes(1));
  static final Map<String, String> ALICE = Map.of("ip", "198.51.100.7", "key", "k1");
  static final Map<String, String> NO_KEY = Map.of("ip", "198.51.100.8");

  final MutableClock clock = new MutableClock();

  RateLimitRoutes.Builder<Map<String, String>> builder() {
    return RateLimitRoutes.<Map<String, String>>builder()
        .clock(clock)
        .environment(ArmetEnvironment.DEVELOPMENT);
  }

  RateLimitRoutes<Map<String, String>> routes() {
    return builder()
        .route("/*", r -> r.limit(ALL, req -> req.get("ip")))
        .route("/login", r -> r.methods("post").limit(LOGIN, req -> req.get("ip")))
        .route("/api/*", r -> r.limit(API, req -> req.get("key")))
        .build();
  }

  @Test
  void policies_everyMatchingRoute_inRouteOrder() {
    RateLimitRoutes<Map<String, String>> routes = routes();
    assertThat(routes.policies("POST", "/login")).containsExactly(ALL, LOGIN);
    assertThat(routes.policies("GET", "/login")).as("POST-only route").containsExactly(ALL);
    assertThat(routes.policies("GET", "/api")).containsExactly(ALL, API);
    assertThat(routes.policies("GET", "/api/v1/x")).containsExactly(ALL, API);
    assertThat(routes.policies("GET", "/apix")).containsExactly(ALL);
  }

  @Test
  void methods_comparedExactlyWithTheUpperCasedRouteMethods() {
    assertThat(routes().policies("post", "/login")).containsExactly(ALL);
  }

  @Test
  void decide_noRoute_isEmpty() {
    RateLimitRoutes<Map<String, String>> routes =
        builder().route("/login", r -> r.limit(LOGIN, req -> req.get("ip"))).build();
    assertThat(routes.decide("GET", "/", ALICE)).isEmpty();
  }

  @Test
  void decide_absentKey_skipsThatLimitOnly() {
    RateLimitRoutes<Map<String, String>> routes =
        builder().route("/api/*", r -> r.limit(API, req -> req.get("key"))).build();
    assertThat(routes.decide("GET", "/api/x", NO_KEY)).as("no key: no limit applies").isEmpty();
    assertThat(routes.decide("GET", "/api/x", ALICE).orElseThrow().isAllowed()).isTrue();
    assertThat(routes.decide("GET", "/api/x", ALICE).orElseThrow().isAllowed()).isFalse();
  }

  @Test
  void decide_refusalByOneRoute_spendsNothingInTheOther() {
    RateLimitRoutes<Map<String, String>> routes = routes();
    assertThat(routes.decide("POST", "/login", ALICE).orElseThrow().isAllowed()).isTrue();
    RateLimitDecision refused = routes.decide("POST", "/login", ALICE).orElseThrow();
    assertThat(refused.outcome()).isEqualTo(RateLimitDecision.Outcome.REFUSED);
    RateLimitDecision get = routes.decide("GET", "/login", ALICE).orElseThrow();
    assertThat(get.statuses())
        .singleElement()
        .satisfies(s -> assertThat(s.remaining()).isEqualTo(98));
  }

  @Test
  void routeCost_spendsItsPointsInEveryLimitOfTheRoute() {
    RateLimitRoutes<Map<String, String>> routes =
        builder()
            .route(
                "/*",
                r ->
                    r.limit(
                        RateLimitPolicy.fixedWindow("a", 10, Duration.ofMinutes(1)),
                        req -> req.get("ip")))
            .route(
                "/search",
                r ->
                    r.cost(4)
                        .limit(
                            RateLimitPolicy.fixedWindow("s", 8, Duration.ofMinutes(1)),
                            req -> req.get("ip")))
            .build();
    RateLimitDecision d = routes.decide("GET", "/search", ALICE).orElseThrow();
    assertThat(d.statuses()).extracting(LimitStatus::remaining).containsExactly(9L, 4L);
    routes.decide("GET", "/search", ALICE);
    assertThat(routes.decide("GET", "/search", ALICE).orElseThrow().isAllowed()).isFalse();
    assertThat(routes.decide("GET", "/", ALICE).orElseThrow().isAllowed()).isTrue();
  }

  @Test
  void routeCost_aboveAPolicyLimit_refusedAtBuild() {
    assertThatThrownBy(
            () ->
                builder()
                    .route(
                        "/x",
                        r ->
                            r.cost(5)
                                .limit(
                                    RateLimitPolicy.fixedWindow("x", 2, Duration.ofMinutes(1)),
                                    req -> "k"))
                    .build())
        .hasMessage(
            "route '/x': cost 5 is more than policy 'x' allows at once (2); every request would be refused");
  }

  @Test
  void badConfiguration_namesTheSetting() {
    assertThatThrownBy(() -> builder().route("/x", r -> {}))
        .hasMessage("route '/x' has no limit; add r.limit(policy)");
    assertThatThrownBy(() -> builder().route("x", r -> r.limit(ALL, req -> "k")))
        .hasMessage("path pattern must start with '/', was 'x'");
    assertThatThrownBy(() -> builder().route("/x", r -> r.cost(0)))
        .hasMessage("route '/x': cost must be between 1 and 1000000000, was 0");
    assertThatThrownBy(
            () ->
                builder()
                    .route("/a", r -> r.limit(ALL, req -> "k"))
                    .route("/b", r -> r.limit(ALL, req -> "k"))
                    .build())
        .hasMessage(
            "rate limit policy name 'all' is used twice; names key the counters, give each limit its own");
  }

  @Test
  void production_defaultStore_isRefused_notAnInMemoryFallback() {
    assertThatThrownBy(
            () ->
                RateLimitRoutes.<Map<String, String>>builder()
                    .gate(
                        ProductionGate.of(
                            ArmetEnvironment.PRODUCTION,
                            Map.of(Secrets.VARIABLE, Secrets.generate())))
                    .route("/*", r -> r.limit(ALL, req -> req.get("ip")))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("rateLimits.store: no store configured, so the in-memory store");
  }

  /**
   * A client-address key ({@link AddressKey}) is named through the limiter's cache (issue 18): the
   * same store keys, the same decisions and the same refusals as a plain key, and no subject in
   * clear.
   */
  @Test
  void addressKey_decidesAndNamesAsAPlainKey() {
    dev.armet.keys.Keyring ring =
        dev.armet.keys.Keyring.create(
            k -> k.environment(ArmetEnvironment.DEVELOPMENT).secret(Secrets.generate()));
    InMemoryRateLimitStore plainStore = InMemoryRateLimitStore.create();
    InMemoryRateLimitStore addressStore = InMemoryRateLimitStore.create();
    RateLimitRoutes<Map<String, String>> plain =
        builder()
            .keyring(ring)
            .store(plainStore)
            .route("/*", r -> r.limit(LOGIN, req -> req.get("ip")))
            .build();
    AddressKey<Map<String, String>> address = req -> req.get("ip");
    RateLimitRoutes<Map<String, String>> cached =
        builder()
            .keyring(ring)
            .store(addressStore)
            .route("/*", r -> r.limit(LOGIN, address))
            .build();
    for (Map<String, String> req : java.util.List.of(ALICE, ALICE, NO_KEY, ALICE, NO_KEY)) {
      assertThat(cached.decide("GET", "/", req).orElseThrow().outcome())
          .isEqualTo(plain.decide("GET", "/", req).orElseThrow().outcome());
    }
    assertThat(cached.decide("GET", "/", ALICE).orElseThrow().isAllowed()).isFalse();
    assertThat(addressStore.keys()).containsExactlyInAnyOrderElementsOf(plainStore.keys());
    assertThat(addressStore.keys()).hasSize(2).noneMatch(k -> k.contains("198.51.100"));
  }

  /**
   * The servlet limits' path when allowed decisions write no headers: an allowed decision may be
   * the shared one, a refusal (dry runs included) is complete, and the same limits are spent.
   */
  @Test
  void outcomeOnly_allowedIsShared_refusalIsComplete() {
    RateLimitRoutes<Map<String, String>> routes =
        builder().route("/*", r -> r.limit(LOGIN, req -> req.get("ip"))).build();
    RateLimitDecision allowed = OutcomeOnly.decide(routes, "GET", "/", ALICE, null);
    assertThat(allowed).isSameAs(RateLimitDecision.ADMITTED);
    assertThat(allowed.isAllowed()).isTrue();
    assertThat(allowed.dryRunRefused()).isFalse();
    assertThat(allowed.retryAfter()).isEqualTo(Duration.ZERO);
    RateLimitDecision refused = OutcomeOnly.decide(routes, "GET", "/", ALICE, null);
    assertThat(refused.outcome()).isEqualTo(RateLimitDecision.Outcome.REFUSED);
    assertThat(refused.statuses())
        .singleElement()
        .satisfies(s -> assertThat(s.allowed()).isFalse());
    assertThat(refused.retryAfter()).isPositive();
    assertThat(OutcomeOnly.decide(routes, "GET", "/", NO_KEY, null)).isNotNull();
    assertThat(routes.decide("GET", "/", NO_KEY).orElseThrow().isAllowed())
        .as("the outcome-only decision spent the limit")
        .isFalse();
    assertThat(OutcomeOnly.decide(routes, "GET", "/", Map.of(), null))
        .as("no key: no limit applies")
        .isNull();
  }

  @Test
  void outcomeOnly_dryRunRefusal_isCompleteAndReported() {
    RateLimitPolicy dry =
        RateLimitPolicy.builder("dry").fixedWindow(1, Duration.ofMinutes(1)).dryRun(true).build();
    java.util.List<dev.armet.event.SecurityEvent> events = new java.util.ArrayList<>();
    RateLimitRoutes<Map<String, String>> routes =
        builder().events(events::add).route("/*", r -> r.limit(dry, req -> req.get("ip"))).build();
    assertThat(OutcomeOnly.decide(routes, "GET", "/", ALICE, null))
        .isSameAs(RateLimitDecision.ADMITTED);
    RateLimitDecision wouldRefuse = OutcomeOnly.decide(routes, "GET", "/", ALICE, null);
    assertThat(wouldRefuse).isNotSameAs(RateLimitDecision.ADMITTED);
    assertThat(wouldRefuse.isAllowed()).isTrue();
    assertThat(wouldRefuse.dryRunRefused()).isTrue();
    assertThat(events)
        .extracting(dev.armet.event.SecurityEvent::type)
        .containsExactly("excess_rate_limit_exceeded");
  }
}
