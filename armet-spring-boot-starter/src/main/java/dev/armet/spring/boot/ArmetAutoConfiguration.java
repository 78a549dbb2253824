package dev.armet.spring.boot;

import dev.armet.csrf.CsrfProtection;
import dev.armet.env.ArmetEnvironment;
import dev.armet.event.EventGate;
import dev.armet.event.SecurityEventSink;
import dev.armet.headers.ContentSecurityPolicy;
import dev.armet.headers.FrameOptions;
import dev.armet.headers.ReferrerPolicy;
import dev.armet.headers.SecurityHeaders;
import dev.armet.headers.StrictTransportSecurity;
import dev.armet.keys.Keyring;
import dev.armet.net.ClientAddressResolver;
import dev.armet.ratelimit.RateLimitPolicy;
import dev.armet.servlet.ArmetFilter;
import dev.armet.servlet.ArmetFilterBuilder;
import dev.armet.servlet.HttpRateLimits;
import dev.armet.session.ServerSessions;
import dev.armet.session.Sessions;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.SessionStore;
import dev.armet.spi.StoreObserver;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Armet for a servlet Spring Boot application: one {@link ArmetFilter} (client address behind
 * trusted proxies, headers, rate limits, sessions, CSRF) registered before Spring Security's chain,
 * built from {@code armet.*}. Every bean is {@code @ConditionalOnMissingBean}: define your own
 * {@link SecurityHeaders}, {@link ArmetStores}, {@link Sessions}, {@link CsrfProtection}, {@link
 * HttpRateLimits}, {@link ClientAddressResolver} or {@link ArmetFilter} to replace ours.
 *
 * <p>Uses only types that are in the same place in Spring Boot 3.5 and 4.0, so one jar serves both
 * lines.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "jakarta.servlet.Filter")
@ConditionalOnProperty(
    prefix = "armet",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(ArmetProperties.class)
public class ArmetAutoConfiguration {
  /** Before Spring Security's filter chain (-100), after Spring Session's (MIN_VALUE + 50). */
  public static final int FILTER_ORDER = -102;

  private static final Logger LOG = LoggerFactory.getLogger("armet");

  @Bean
  @ConditionalOnMissingBean
  public ArmetEnvironment armetEnvironment(ArmetProperties properties) {
    String raw = properties.getEnv();
    if (raw == null || raw.isBlank()) {
      return ArmetEnvironment.fromEnvironment(ArmetEnvironment.DEVELOPMENT);
    }
    return Refusals.build(
        "armet.env", "use development or production", () -> ArmetEnvironment.parse(raw.trim()));
  }

  /**
   * The sink every component records to: the {@link ArmetEventObserver}s (the Micrometer counters
   * among them) see every event, then one {@link EventGate} bounds what reaches the {@code
   * armet.security} log (a burst of 10 per type, then one a second), so a flood of refusals is
   * counted exactly but logged in summary.
   */
  @Bean
  @ConditionalOnMissingBean
  public SecurityEventSink armetSecurityEvents(ObjectProvider<ArmetEventObserver> observers) {
    List<ArmetEventObserver> list = observers.orderedStream().toList();
    EventGate.Builder gate = EventGate.builder(SecurityEventSink.logging());
    if (!list.isEmpty()) {
      // Observers go inside the one gate, before it decides: the components see a gate and add
      // none of their own, so no observer is ever behind a second gate (a flood would be
      // undercounted past each component's burst).
      gate.observer(
          event -> {
            for (ArmetEventObserver o : list) {
              try {
                o.observe(event);
              } catch (RuntimeException e) {
                LOG.warn("an ArmetEventObserver failed on {}: {}", event.type(), e.toString());
              }
            }
          });
    }
    return gate.build();
  }

  @Bean
  @ConditionalOnMissingBean
  public Keyring armetKeyring(ArmetProperties properties, ArmetEnvironment env) {
    return Refusals.build(
        "armet.secrets",
        "set ARMET_SECRETS (armet keys generate)",
        () ->
            Keyring.create(
                k -> {
                  k.environment(env);
                  if (properties.getSecrets().isEmpty()) {
                    k.fromEnvironment(System.getenv());
                  } else {
                    properties.getSecrets().forEach(k::secret);
                  }
                }));
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public ArmetStores armetStores(
      ArmetProperties properties, Environment environment, ListableBeanFactory beans) {
    return StoreFactory.open(
        properties.getStore(), environment, beans, getClass().getClassLoader());
  }

  @Bean
  @ConditionalOnMissingBean
  public SecurityHeaders armetSecurityHeaders(ArmetProperties properties) {
    return Refusals.build(
        "armet.headers",
        "see the message for the directive at fault",
        () -> headers(properties.getHeaders()));
  }

  static SecurityHeaders headers(ArmetProperties.Headers p) {
    SecurityHeaders.Builder b = SecurityHeaders.defaults().toBuilder();
    if (!p.isEnabled()) {
      SecurityHeaders.Builder none = SecurityHeaders.builder();
      for (String name : new ArrayList<>(SecurityHeaders.defaults().fixedHeaders().keySet())) {
        none.disable(name);
      }
      return none.disable(SecurityHeaders.CONTENT_SECURITY_POLICY)
          .disable(SecurityHeaders.STRICT_TRANSPORT_SECURITY)
          .build();
    }
    ContentSecurityPolicy.Builder csp = ContentSecurityPolicy.defaults().toBuilder();
    for (Map.Entry<String, String> d : p.getCsp().entrySet()) {
      csp.set(d.getKey(), d.getValue().trim().split("\\s+"));
    }
    if (!p.getNonce().isEmpty()) {
      csp.nonce(p.getNonce().toArray(String[]::new));
    }
    if (p.isReportOnly()) {
      b.contentSecurityPolicyReportOnly(csp.build())
          .disable(SecurityHeaders.CONTENT_SECURITY_POLICY);
    } else {
      b.contentSecurityPolicy(csp.build());
    }
    b.strictTransportSecurity(StrictTransportSecurity.of(p.getHstsMaxAge(), true, false));
    b.frameOptions(FrameOptions.valueOf(p.getFrameOptions().trim().toUpperCase(Locale.ROOT)));
    List<ReferrerPolicy> referrer = new ArrayList<>();
    for (String r : p.getReferrerPolicy()) {
      referrer.add(ReferrerPolicy.valueOf(r.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
    }
    b.referrerPolicy(referrer.toArray(ReferrerPolicy[]::new));
    p.getDisable().forEach(b::disable);
    return b.build();
  }

  @Bean
  @ConditionalOnMissingBean
  public ClientAddressResolver armetClientAddressResolver(
      ArmetProperties properties,
      ArmetEnvironment env,
      Environment environment,
      SecurityEventSink events) {
    ForwardedHeaders.check(environment, properties, env);
    List<String> trusted = properties.getProxies().getTrusted();
    if (trusted.isEmpty()) {
      return ClientAddressResolver.direct();
    }
    return Refusals.build(
        "armet.proxies.trusted",
        "give addresses or CIDR ranges (10.0.0.0/8)",
        () ->
            ClientAddressResolver.builder()
                .trustedProxies(trusted.toArray(String[]::new))
                .events(events)
                .build());
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(
      prefix = "armet.sessions",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  public Sessions armetSessions(
      ArmetProperties properties,
      ArmetEnvironment env,
      Keyring keyring,
      ArmetStores stores,
      SecurityEventSink events,
      ListableBeanFactory beans,
      ObjectProvider<StoreObserver> observer) {
    SpringSessionCheck.refuseBoth(beans, getClass().getClassLoader());
    ArmetProperties.Sessions p = properties.getSessions();
    SessionStore store = observed(stores, observer).sessions();
    return Refusals.build(
        "armet.sessions",
        "see the message",
        () ->
            ServerSessions.create(
                s ->
                    s.environment(env)
                        .keyring(keyring)
                        .store(store)
                        .events(events)
                        .idleTimeout(p.getIdleTimeout())
                        .absoluteTimeout(p.getAbsoluteTimeout())));
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(
      prefix = "armet.csrf",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  public CsrfProtection armetCsrfProtection(
      ArmetProperties properties, ArmetEnvironment env, Keyring keyring, SecurityEventSink events) {
    ArmetProperties.Csrf p = properties.getCsrf();
    return Refusals.build(
        "armet.csrf",
        "see the message",
        () ->
            CsrfProtection.create(
                c -> {
                  c.environment(env).keyring(keyring).events(events);
                  if (!p.getExempt().isEmpty()) {
                    c.exempt(p.getExempt().toArray(String[]::new));
                  }
                  if (!p.getAllowedOrigins().isEmpty()) {
                    c.allowOrigins(p.getAllowedOrigins().toArray(String[]::new));
                  }
                  if (p.isSpa()) {
                    c.angularConvention();
                  }
                  if (p.isReportOnly()) {
                    c.reportOnly();
                  }
                }));
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "armet", name = "rate-limits[0].path")
  public HttpRateLimits armetHttpRateLimits(
      ArmetProperties properties,
      Keyring keyring,
      ArmetStores stores,
      SecurityEventSink events,
      ObjectProvider<StoreObserver> observer) {
    RateLimitStore store = observed(stores, observer).rateLimits();
    return Refusals.build(
        "armet.rate-limits",
        "see the message",
        () -> {
          HttpRateLimits.Builder b =
              HttpRateLimits.builder().store(store).keyring(keyring).events(events);
          int i = 0;
          for (ArmetProperties.RateLimit r : properties.getRateLimits()) {
            if (r.getPath() == null) {
              throw new IllegalArgumentException("armet.rate-limits[" + i + "].path is missing");
            }
            String name = "route-" + i++;
            b.route(
                r.getPath(),
                route -> {
                  if (!r.getMethods().isEmpty()) {
                    route.methods(r.getMethods().toArray(String[]::new));
                  }
                  route.limit(RateLimitPolicy.tokenBucket(name, r.getLimit(), r.getPeriod()));
                });
          }
          return b.build();
        });
  }

  @Bean
  @ConditionalOnMissingBean
  public ArmetFilter armetFilter(
      ArmetEnvironment env,
      Keyring keyring,
      SecurityEventSink events,
      SecurityHeaders headers,
      ClientAddressResolver proxies,
      ObjectProvider<Sessions> sessions,
      ObjectProvider<CsrfProtection> csrf,
      ObjectProvider<HttpRateLimits> rateLimits) {
    ArmetFilterBuilder b =
        ArmetFilter.builder()
            .environment(env)
            .keyring(keyring)
            .events(events)
            .headers(headers)
            .proxies(proxies)
            .rateLimits(rateLimits.getIfAvailable());
    Sessions s = sessions.getIfAvailable();
    if (s == null) {
      b.noSessions();
    } else {
      b.sessions(s);
    }
    CsrfProtection c = csrf.getIfAvailable();
    if (c == null) {
      b.noCsrf();
    } else {
      b.csrf(c);
    }
    return Refusals.build("armet.env", "see the message", b::build);
  }

  @Bean
  @ConditionalOnMissingBean(name = "armetFilterRegistration")
  public FilterRegistrationBean<ArmetFilter> armetFilterRegistration(
      ArmetFilter filter, ArmetProperties properties) {
    FilterRegistrationBean<ArmetFilter> r = new FilterRegistrationBean<>(filter);
    r.setName("armetFilter");
    r.setOrder(properties.getFilterOrder());
    r.addUrlPatterns("/*");
    r.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
    return r;
  }

  @Bean
  public ArmetStartupReport armetStartupReport(
      ArmetProperties properties,
      ArmetEnvironment env,
      ArmetStores stores,
      ObjectProvider<Sessions> sessions,
      ObjectProvider<CsrfProtection> csrf,
      ObjectProvider<HttpRateLimits> rateLimits,
      SecurityHeaders headers,
      ListableBeanFactory beans,
      Environment environment) {
    return new ArmetStartupReport(
        properties,
        env,
        stores,
        sessions.getIfAvailable() != null,
        csrf.getIfAvailable() != null,
        rateLimits.getIfAvailable() != null,
        headers,
        beans,
        environment);
  }

  /**
   * The stores as the components use them: timed when there is a {@link StoreObserver} bean (the
   * Micrometer one, or the application's). The {@link ArmetStores} bean itself stays as it is, so
   * the health probe is not counted as traffic.
   */
  public static ArmetStores observed(ArmetStores stores, ObjectProvider<StoreObserver> observer) {
    StoreObserver o = observer.getIfUnique();
    return o == null ? stores : stores.decorated(o);
  }

  static Logger log() {
    return LOG;
  }
}
