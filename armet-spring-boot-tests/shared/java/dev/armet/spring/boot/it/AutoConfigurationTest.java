package dev.armet.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.csrf.CsrfProtection;
import dev.armet.event.SecurityEvent;
import dev.armet.headers.SecurityHeaders;
import dev.armet.login.LoginThrottle;
import dev.armet.net.ClientAddressResolver;
import dev.armet.servlet.ArmetFilter;
import dev.armet.servlet.HttpRateLimits;
import dev.armet.session.Sessions;
import dev.armet.spring.boot.ArmetAutoConfiguration;
import dev.armet.spring.boot.ArmetConfigurationException;
import dev.armet.spring.boot.ArmetStartupReport;
import dev.armet.spring.boot.ArmetStores;
import dev.armet.spring.boot.actuate.ArmetActuatorAutoConfiguration;
import dev.armet.spring.boot.actuate.ArmetEndpoint;
import dev.armet.spring.boot.metrics.ArmetMeters;
import dev.armet.spring.boot.metrics.ArmetStoreMeters;
import dev.armet.spi.ObservedStores;
import dev.armet.spi.SessionStore;
import dev.armet.spi.StoreObserver;
import dev.armet.keys.Keyring;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.armet.spring.boot.metrics.ArmetMetricsAutoConfiguration;
import dev.armet.spring.boot.security.ArmetSecurityAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.web.SecurityFilterChain;

/** Every condition and property of the starter, without a server. */
class AutoConfigurationTest {
  private static final AutoConfigurations ARMET = AutoConfigurations.of(
      ArmetMetricsAutoConfiguration.class, ArmetAutoConfiguration.class,
      ArmetSecurityAutoConfiguration.class, ArmetActuatorAutoConfiguration.class);
  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(ARMET);

  @Test
  void defaults_filterBeforeSpringSecurity_sessionsCsrfHeaders_memoryStore() {
    runner.run(c -> {
      assertThat(c).hasSingleBean(ArmetFilter.class).hasSingleBean(Sessions.class)
          .hasSingleBean(CsrfProtection.class).hasSingleBean(LoginThrottle.class)
          .hasSingleBean(ArmetEndpoint.class).doesNotHaveBean(HttpRateLimits.class);
      FilterRegistrationBean<?> r = c.getBean("armetFilterRegistration", FilterRegistrationBean.class);
      assertThat(r.getOrder()).isEqualTo(-102).isLessThan(-100);
      assertThat(r.getUrlPatterns()).containsExactly("/*");
      assertThat(c.getBean(ArmetStores.class).kind()).isEqualTo("memory");
      assertThat(c.getBean(SecurityHeaders.class).contentSecurityPolicy().usesNonce()).isFalse();
      assertThat(c.getBean(ClientAddressResolver.class).trustsProxies()).isFalse();
    });
  }

  @Test
  void notAWebApplication_nothing() {
    new ApplicationContextRunner().withConfiguration(ARMET)
        .run(c -> assertThat(c).doesNotHaveBean(ArmetFilter.class).doesNotHaveBean(ArmetStores.class));
  }

  @Test
  void enabledFalse_nothing() {
    runner.withPropertyValues("armet.enabled=false")
        .run(c -> assertThat(c).doesNotHaveBean(ArmetFilter.class).doesNotHaveBean(LoginThrottle.class));
  }

  @Test
  void sessionsAndCsrfDisabled_yielded() {
    runner.withPropertyValues("armet.sessions.enabled=false", "armet.csrf.enabled=false")
        .run(c -> assertThat(c).hasSingleBean(ArmetFilter.class).doesNotHaveBean(Sessions.class)
            .doesNotHaveBean(CsrfProtection.class));
  }

  @Test
  void csrfProperties_build() {
    runner.withPropertyValues("armet.csrf.exempt=/hooks/*", "armet.csrf.allowed-origins=https://app.example",
        "armet.csrf.spa=true", "armet.csrf.report-only=true")
        .run(c -> assertThat(c).hasSingleBean(CsrfProtection.class));
  }

  @Test
  void headersDisabled_noHeaderAtAll() {
    runner.withPropertyValues("armet.headers.enabled=false").run(c -> {
      SecurityHeaders h = c.getBean(SecurityHeaders.class);
      assertThat(h.contentSecurityPolicy()).isNull();
      assertThat(h.strictTransportSecurity()).isNull();
      assertThat(h.fixedHeaders()).isEmpty();
    });
  }

  @Test
  void headerProperties_applied() {
    runner.withPropertyValues("armet.headers.nonce=script-src", "armet.headers.csp.img-src='self' https:",
        "armet.headers.frame-options=deny", "armet.headers.referrer-policy=strict-origin-when-cross-origin",
        "armet.headers.disable=X-Download-Options", "armet.headers.hsts-max-age=2d").run(c -> {
          SecurityHeaders h = c.getBean(SecurityHeaders.class);
          assertThat(h.contentSecurityPolicy().toString()).contains("img-src 'self' https:")
              .contains("script-src 'self' 'nonce-");
          assertThat(h.fixedHeaders()).containsEntry("X-Frame-Options", "DENY")
              .containsEntry("Referrer-Policy", "strict-origin-when-cross-origin")
              .doesNotContainKey("X-Download-Options");
          assertThat(h.strictTransportSecurity().maxAgeSeconds()).isEqualTo(172_800);
        });
  }

  @Test
  void reportOnly_sendsTheCspAsReportOnly() {
    runner.withPropertyValues("armet.headers.report-only=true").run(c -> {
      SecurityHeaders h = c.getBean(SecurityHeaders.class);
      assertThat(h.contentSecurityPolicy()).isNull();
      assertThat(h.contentSecurityPolicyReportOnly()).isNotNull();
    });
  }

  @Test
  void badCspDirective_refusedNamingTheProperty() {
    refused(runner.withPropertyValues("armet.headers.csp.script-src=self"), "armet.headers");
  }

  @Test
  void rateLimitRoutes_buildHttpRateLimits() {
    runner.withPropertyValues("armet.rate-limits[0].path=/api/*", "armet.rate-limits[0].limit=5")
        .run(c -> assertThat(c).hasSingleBean(HttpRateLimits.class));
  }

  @Test
  void trustedProxies_used_andNonsenseRefused() {
    runner.withPropertyValues("armet.proxies.trusted=10.0.0.0/8")
        .run(c -> assertThat(c.getBean(ClientAddressResolver.class).trustsProxies()).isTrue());
    refused(runner.withPropertyValues("armet.proxies.trusted=not-an-address"), "armet.proxies.trusted");
  }

  @Test
  void filterOrder_property() {
    runner.withPropertyValues("armet.filter-order=-200").run(c -> assertThat(
        c.getBean("armetFilterRegistration", FilterRegistrationBean.class).getOrder()).isEqualTo(-200));
  }

  @Test
  void env_unknownValueRefused_productionRefusesMemoryStore() {
    refused(runner.withPropertyValues("armet.env=staging"), "armet.env");
    refused(runner.withPropertyValues("armet.env=production",
        "armet.secrets=" + dev.armet.keys.Secrets.generate()), "armet.store");
    refused(runner.withPropertyValues("armet.env=production"), "armet.secrets");
  }

  @Test
  void forwardHeadersFramework_warnsInDevelopment_refusedInProduction() {
    runner.withPropertyValues("server.forward-headers-strategy=framework")
        .run(c -> assertThat(c).hasNotFailed());
    refused(runner.withPropertyValues("server.forward-headers-strategy=framework",
        "armet.env=production", "armet.secrets=" + dev.armet.keys.Secrets.generate(),
        "armet.store=redis://127.0.0.1:6379/0"), "server.forward-headers-strategy");
  }

  @Test
  void store_uriAndUnknown() {
    runner.withPropertyValues("armet.store=redis://127.0.0.1:6379/0")
        .run(c -> assertThat(c.getBean(ArmetStores.class).kind()).isEqualTo("redis://127.0.0.1:6379/0"));
    refused(runner.withPropertyValues("armet.store=ftp://x"), "armet.store");
    refused(runner.withPropertyValues("armet.store=jdbc"), "armet.store");
  }

  @Test
  void ownBeans_replaceOurs() {
    SecurityHeaders mine = SecurityHeaders.create(h -> h.disable("X-Download-Options"));
    runner.withBean(SecurityHeaders.class, () -> mine)
        .withBean(ArmetStores.class, ArmetStores::memory)
        .run(c -> {
          assertThat(c.getBean(SecurityHeaders.class)).isSameAs(mine);
          assertThat(c).hasSingleBean(ArmetStores.class);
        });
  }

  @Test
  void withoutSpringSecurity_noThrottle_filterStillThere() {
    runner.withClassLoader(new FilteredClassLoader(SecurityFilterChain.class))
        .run(c -> assertThat(c).hasSingleBean(ArmetFilter.class).doesNotHaveBean(LoginThrottle.class)
            .doesNotHaveBean("armetSecurityBridgeRegistration"));
  }

  @Test
  void loginDisabled_noThrottle() {
    runner.withPropertyValues("armet.login.enabled=false")
        .run(c -> assertThat(c).doesNotHaveBean(LoginThrottle.class));
  }

  @Test
  void badLoginSetting_refusedNamingTheProperty() {
    refused(runner.withPropertyValues("armet.login.failures=0"), "armet.login");
  }

  @Test
  void withoutMicrometer_startsAndCountsNothing() {
    runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .run(c -> assertThat(c).hasSingleBean(ArmetFilter.class).doesNotHaveBean(ArmetMeters.class));
  }

  @Test
  void metricsDisabled_noMeters() {
    runner.withPropertyValues("armet.metrics.enabled=false")
        .run(c -> assertThat(c).doesNotHaveBean(ArmetMeters.class));
  }

  @Test
  void withoutActuator_noEndpoint() {
    runner.withClassLoader(new FilteredClassLoader(
        "org.springframework.boot.actuate.endpoint.annotation"))
        .run(c -> assertThat(c).hasSingleBean(ArmetFilter.class).doesNotHaveBean(ArmetEndpoint.class));
  }

  @Test
  void springSessionBeside_armetSessions_refused_orYielded() {
    refused(runner.withUserConfiguration(SpringSessionConfig.class), "armet.sessions.enabled");
    runner.withUserConfiguration(SpringSessionConfig.class)
        .withPropertyValues("armet.sessions.enabled=false")
        .run(c -> assertThat(c).hasNotFailed().doesNotHaveBean(Sessions.class)
            .hasSingleBean(ArmetFilter.class));
  }

  @Test
  void storeMeters_withMicrometer_andTheApplicationsObserverReplacesThem() {
    runner.run(c -> assertThat(c).hasSingleBean(StoreObserver.class).hasSingleBean(ArmetStoreMeters.class));
    List<String> seen = new CopyOnWriteArrayList<>();
    StoreObserver mine = (store, op, outcome, nanos) -> seen.add(store + " " + op + " " + outcome);
    runner.withBean(StoreObserver.class, () -> mine).run(c -> {
      assertThat(c).doesNotHaveBean(ArmetStoreMeters.class);
      ArmetStores stores = c.getBean(ArmetStores.class);
      assertThat(ObservedStores.isObserved(stores.sessions())).as("the bean stays plain").isFalse();
      // What the components use: observed once, however often decorated.
      ArmetStores used = stores.decorated(mine);
      assertThat(used.decorated(mine).sessions()).isSameAs(used.sessions());
      assertThat(used.decorated((s, o, r, n) -> { }).rateLimits()).isSameAs(used.rateLimits());
      assertThat(used.isMemory()).isTrue();
      used.sessions().load("nothing");
      assertThat(seen).containsExactly("sessions load miss");
    });
    runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .run(c -> assertThat(c).doesNotHaveBean(StoreObserver.class));
  }

  @Test
  void forwardHeadersStrategy_reported() {
    runner.withPropertyValues("server.forward-headers-strategy=native", "armet.proxies.trusted=10.0.0.0/8")
        .run(c -> assertThat(c.getBean(ArmetStartupReport.class).facts())
            .containsEntry("trustedProxies", "10.0.0.0/8")
            .hasEntrySatisfying("forwardHeaders", v -> assertThat(v.toString()).startsWith("native")));
    runner.run(c -> assertThat(c.getBean(ArmetStartupReport.class).facts())
        .hasEntrySatisfying("forwardHeaders", v -> assertThat(v.toString()).startsWith("unset")));
  }

  @Test
  void endpoint_listsKeyIds_neverKeys() {
    String secret = dev.armet.keys.Secrets.generate();
    runner.withPropertyValues("armet.secrets=" + secret).run(c -> {
      Map<String, Object> view = c.getBean(ArmetEndpoint.class).armet();
      assertThat(view.get("keyring")).asString().contains(c.getBean(Keyring.class).keyIds().get(0))
          .doesNotContain(secret);
      assertThat(view.toString()).doesNotContain(secret);
    });
  }

  /** A store that cannot answer: health DOWN with the failure's class, never its message. */
  @Test
  void storeDown_healthDown_namingTheFailureNotItsMessage() {
    SessionStore down = new UnreachableStore();
    runner.withBean(ArmetStores.class, () -> new ArmetStores("redis (down)", down,
        dev.armet.ratelimit.InMemoryRateLimitStore.create(), null)).run(c -> {
          Object indicator = c.getBean("armetHealthIndicator");
          Object health = indicator.getClass().getMethod("health").invoke(indicator);
          assertThat(health.getClass().getMethod("getStatus").invoke(health)).hasToString("DOWN");
          Object details = health.getClass().getMethod("getDetails").invoke(health);
          assertThat(details).hasToString("{error=IllegalStateException, store=redis (down)}");
        });
  }

  /** Every operation fails as a store whose server is gone does, with a URI in the message. */
  private static final class UnreachableStore implements SessionStore {
    private static RuntimeException gone() {
      return new IllegalStateException("cannot reach redis://:hunter2@10.0.0.5:6379");
    }

    @Override
    public java.util.Optional<dev.armet.spi.SessionRecord> load(String key) {
      throw gone();
    }

    @Override
    public boolean save(dev.armet.spi.SessionRecord record, long expectedVersion) {
      throw gone();
    }

    @Override
    public void touch(String key, java.time.Instant expiresAt) {
      throw gone();
    }

    @Override
    public void delete(String key) {
      throw gone();
    }

    @Override
    public void deleteAllForUser(String userId) {
      throw gone();
    }
  }

  @Test
  void meters_boundedTagsOnly() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ArmetMeters meters = new ArmetMeters(() -> registry);
    meters.observe(SecurityEvent.of("malicious_csrf").with("disposition", "refused")
        .with("reason", "/admin?user=<script>"));
    meters.observe(SecurityEvent.of("csp_violation").with("directive", "x-evil-directive")
        .with("disposition", "enforce"));
    meters.observe(SecurityEvent.of("session_created"));
    meters.observe(SecurityEvent.of("malicious_csrf").with("disposition", "report_only")
        .with("reason", "origin"));
    assertThat(registry.get("armet.requests.rejected").tag("control", "csrf").tag("reason", "other")
        .counter().count()).isEqualTo(1);
    assertThat(registry.get("armet.csp.reports").tag("directive", "other").counter().count()).isEqualTo(1);
    assertThat(registry.get("armet.sessions").tag("event", "created").counter().count()).isEqualTo(1);
    assertThat(registry.find("armet.requests.rejected").tag("reason", "origin").counter()).isNull();
  }

  private static void refused(WebApplicationContextRunner runner, String property) {
    runner.run((AssertableWebApplicationContext c) -> {
      assertThat(c).hasFailed();
      AbstractThrowableAssert<?, ?> failure = assertThat(c.getStartupFailure())
          .hasRootCauseInstanceOf(Throwable.class);
      Throwable t = c.getStartupFailure();
      while (t != null && !(t instanceof ArmetConfigurationException)) {
        t = t.getCause();
      }
      failure.as("an ArmetConfigurationException in " + c.getStartupFailure()).isNotNull();
      assertThat(t).as(String.valueOf(c.getStartupFailure())).isNotNull();
      assertThat(((ArmetConfigurationException) t).property()).isEqualTo(property);
    });
  }
}
