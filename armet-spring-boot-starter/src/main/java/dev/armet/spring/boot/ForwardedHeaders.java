package dev.armet.spring.boot;

import dev.armet.env.ArmetEnvironment;
import java.util.Locale;
import org.springframework.core.env.Environment;

/**
 * {@code server.forward-headers-strategy=framework} makes Spring's {@code ForwardedHeaderFilter}
 * believe every peer's {@code Forwarded}/{@code X-Forwarded-*}: any client could then choose the
 * address that rate limits and the login throttle count by, and claim HTTPS. Armet reads these
 * headers itself, from trusted proxies only.
 */
final class ForwardedHeaders {
  static final String PROPERTY = "server.forward-headers-strategy";

  private ForwardedHeaders() {}

  static void check(Environment environment, ArmetProperties properties, ArmetEnvironment env) {
    String strategy = environment.getProperty(PROPERTY, "");
    if (!strategy.trim().toLowerCase(Locale.ROOT).equals("framework")) {
      return;
    }
    String message = "'framework' makes Spring's ForwardedHeaderFilter trust the forwarding headers"
        + " of every peer, so any client can pick its own address and scheme";
    String fix = "remove " + PROPERTY + " (or set it to none) and name your proxies in"
        + " armet.proxies.trusted (e.g. 10.0.0.0/8): Armet then believes only those";
    if (env.isProduction()) {
      throw new ArmetConfigurationException(PROPERTY, message, fix, null);
    }
    ArmetAutoConfiguration.log().warn("{}={}: {}; {}", PROPERTY, strategy, message, fix);
  }
}
