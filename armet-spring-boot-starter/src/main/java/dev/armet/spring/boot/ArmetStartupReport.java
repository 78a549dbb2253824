package dev.armet.spring.boot;

import dev.armet.env.ArmetEnvironment;
import dev.armet.headers.SecurityHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * What the starter decided, logged once at start-up on the {@code armet} logger and shown by {@code
 * /actuator/armet}: the mode, the store, which controls Armet owns, and the filter order beside
 * Spring Security.
 */
public final class ArmetStartupReport implements SmartInitializingSingleton {
  static final String CHAIN = "org.springframework.security.web.SecurityFilterChain";
  private final Map<String, Object> facts = new LinkedHashMap<>();
  private final ListableBeanFactory beans;
  private final int order;

  ArmetStartupReport(
      ArmetProperties p,
      ArmetEnvironment env,
      ArmetStores stores,
      boolean sessions,
      boolean csrf,
      boolean rateLimits,
      SecurityHeaders headers,
      ListableBeanFactory beans,
      Environment environment) {
    this.beans = beans;
    facts.put("env", env.value());
    facts.put("store", stores.kind());
    facts.put("filterOrder", p.getFilterOrder());
    facts.put("headers", p.getHeaders().isEnabled() ? "armet" : "yielded");
    if (headers.contentSecurityPolicy() != null) {
      facts.put("csp", headers.contentSecurityPolicy().toString());
    }
    facts.put("sessions", sessions ? "armet" : "container");
    facts.put("csrf", csrf ? "armet" : "yielded");
    facts.put("rateLimits", rateLimits ? p.getRateLimits().size() + " routes" : "none");
    facts.put(
        "trustedProxies",
        p.getProxies().getTrusted().isEmpty()
            ? "none"
            : String.join(",", p.getProxies().getTrusted()));
    facts.put("forwardHeaders", ForwardedHeaders.describe(environment));
    this.order = p.getFilterOrder();
  }

  /** The decisions, by name. */
  public Map<String, Object> facts() {
    return java.util.Collections.unmodifiableMap(facts);
  }

  @Override
  public void afterSingletonsInstantiated() {
    ClassLoader loader = getClass().getClassLoader();
    int chains =
        ClassUtils.isPresent(CHAIN, loader)
            ? beans.getBeanNamesForType(ClassUtils.resolveClassName(CHAIN, loader)).length
            : 0;
    facts.put(
        "springSecurity",
        chains == 0
            ? "absent"
            : chains
                + " filter chain(s); Armet runs"
                + " first (order "
                + order
                + (order < -100 ? " < -100)" : ", NOT before Spring Security's -100)"));
    ArmetAutoConfiguration.log().info("Armet: {}", facts);
  }
}
