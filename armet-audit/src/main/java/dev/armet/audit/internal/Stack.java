package dev.armet.audit.internal;

import java.util.List;
import java.util.Locale;

/** The server stack the responses reveal; it picks the wording of each fix. */
public enum Stack {
  ARMET,
  SPRING,
  NGINX,
  EXPRESS,
  UNKNOWN;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Guesses the stack from the main response and any error page seen. */
  public static Stack detect(List<Exchange> seen) {
    for (Exchange e : seen) {
      String powered = lower(e.headers().first("x-powered-by"));
      String server = lower(e.headers().first("server"));
      String cookies = lower(String.join(";", e.headers().all("set-cookie")));
      String body = lower(e.body());
      if (cookies.startsWith("__host-id=")
          || cookies.contains(";__host-id=")
          || body.contains("/_armet/")
          || lower(e.headers().first("content-security-policy")).contains("/_armet/")) {
        return ARMET;
      }
      if (powered.contains("express")
          || cookies.contains("connect.sid=")
          || body.contains("cannot get /")) {
        return EXPRESS;
      }
      if (cookies.contains("jsessionid=")
          || body.contains("whitelabel error page")
          || e.headers().has("x-application-context")) {
        return SPRING;
      }
      if (server.startsWith("nginx")) {
        return NGINX;
      }
    }
    // Helmet's header set without X-Powered-By and with Permissions-Policy is Armet's signature.
    for (Exchange e : seen) {
      if (e.headers().has("origin-agent-cluster")
          && e.headers().has("permissions-policy")
          && e.headers().has("x-permitted-cross-domain-policies")
          && !e.headers().has("x-powered-by")) {
        return ARMET;
      }
    }
    return UNKNOWN;
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
