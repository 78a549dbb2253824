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

  /** What the start-up report says about {@value #PROPERTY}. */
  static String describe(Environment environment) {
    String strategy = strategy(environment);
    switch (strategy) {
      case "framework":
        return "framework (Spring's ForwardedHeaderFilter believes every peer)";
      case "native":
        return "native (the container rewrites the client address before Armet; Armet sees the"
            + " result)";
      default:
        return strategy.isEmpty()
            ? "unset (Armet reads forwarding headers from" + " armet.proxies.trusted only)"
            : strategy;
    }
  }

  private static String strategy(Environment environment) {
    return environment.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
  }

  static void check(Environment environment, ArmetProperties properties, ArmetEnvironment env) {
    String strategy = strategy(environment);
    if (strategy.equals("native") && !properties.getProxies().getTrusted().isEmpty()) {
      // The container (Tomcat's RemoteIpValve, Jetty's ForwardedRequestCustomizer) already took
      // the client address from the headers of its own trusted proxies and removed them: Armet
      // then sees the client as the peer. Not unsafe, but two lists of trusted proxies to keep.
      ArmetAutoConfiguration.log()
          .info(
              "{}=native: the container resolves forwarding headers"
                  + " before Armet, so armet.proxies.trusted applies to the address it resolved; keep"
                  + " one of the two",
              PROPERTY);
    }
    if (!strategy.equals("framework")) {
      return;
    }
    String message =
        "'framework' makes Spring's ForwardedHeaderFilter trust the forwarding headers"
            + " of every peer, so any client can pick its own address and scheme";
    String fix =
        "remove "
            + PROPERTY
            + " (or set it to none) and name your proxies in"
            + " armet.proxies.trusted (e.g. 10.0.0.0/8): Armet then believes only those";
    if (env.isProduction()) {
      throw new ArmetConfigurationException(PROPERTY, message, fix, null);
    }
    ArmetAutoConfiguration.log().warn("{}={}: {}; {}", PROPERTY, strategy, message, fix);
  }
}
