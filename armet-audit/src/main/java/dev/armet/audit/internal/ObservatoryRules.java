package dev.armet.audit.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Observatory's header tests other than CSP and SRI (algorithm version 4), each returning the
 * Observatory's result name for a retrieval.
 */
final class ObservatoryRules {
  private static final int SIX_MONTHS = 15552000;
  private static final List<String> PRIVATE_REFERRER =
      List.of("no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin");
  private static final List<String> UNSAFE_REFERRER =
      List.of("origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade");
  private static final List<String> COOKIE_ORDER =
      List.of(
          "cookies-without-secure-flag-but-protected-by-hsts",
          "cookies-without-secure-flag",
          "cookies-session-without-secure-flag-but-protected-by-hsts",
          "cookies-samesite-flag-invalid",
          "cookies-anticsrf-without-samesite-flag",
          "cookies-session-without-httponly-flag",
          "cookies-session-without-secure-flag");

  private ObservatoryRules() {}

  static String hsts(Retrieval r) {
    Exchange https = r.httpsFinal();
    if (https == null) {
      return "hsts-not-implemented-no-https";
    }
    if (!r.httpsVerified()) {
      return "hsts-invalid-cert";
    }
    String header = https.headers().combined("strict-transport-security");
    if (header == null) {
      return "hsts-not-implemented";
    }
    String data = header.length() > 1024 ? header.substring(0, 1024) : header;
    if (data.contains(",")) {
      return "hsts-header-invalid";
    }
    boolean hasMaxAge = false;
    Integer maxAge = null;
    for (String p : data.split(";", -1)) {
      String param = p.trim().toLowerCase(Locale.ROOT);
      if (param.startsWith("max-age=")) {
        hasMaxAge = true;
        maxAge = leadingInt(param.substring(8, Math.min(param.length(), 128)));
      }
    }
    if (!hasMaxAge) {
      return "hsts-header-invalid";
    }
    // A max-age that is not a number compares as neither less nor more in the Observatory.
    return maxAge != null && maxAge < SIX_MONTHS
        ? "hsts-implemented-max-age-less-than-six-months"
        : "hsts-implemented-max-age-at-least-six-months";
  }

  /** JavaScript's parseInt: leading digits (after spaces and a sign), NaN as null. */
  private static Integer leadingInt(String s) {
    String t = s.stripLeading();
    int i = 0;
    if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
      i++;
    }
    int start = i;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    if (i == start) {
      return null; // NaN: the Observatory's comparisons then fall to "at least six months"
    }
    try {
      return (int)
          Math.max(
              Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Long.parseLong(t.substring(0, i))));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  static String redirection(Retrieval r) {
    if (r.httpChain().isEmpty()) {
      return "redirection-not-needed-no-http";
    }
    if (!r.httpVerified()) {
      return "redirection-invalid-cert";
    }
    List<Exchange> route = r.httpChain();
    if (route.size() == 1) {
      return "redirection-missing";
    }
    if (!"https".equals(route.get(route.size() - 1).url().getScheme())) {
      return "redirection-not-to-https";
    }
    if ("http".equals(route.get(1).url().getScheme())) {
      return "redirection-not-to-https-on-initial-redirection";
    }
    if (!route.get(0).url().getHost().equalsIgnoreCase(route.get(1).url().getHost())) {
      return "redirection-off-host-from-http";
    }
    return "redirection-to-https";
  }

  static String referrer(Exchange auto) {
    if (auto == null) {
      return "referrer-policy-not-implemented";
    }
    List<String> values = new java.util.ArrayList<>();
    String header = auto.headers().combined("referrer-policy");
    if (header != null) {
      values.add(header);
    }
    if (Html.isHtml(auto)) {
      String lastMeta = null;
      for (Map<String, String> meta : Html.tags(auto.body(), "meta")) {
        boolean equiv = meta.containsKey("http-equiv") && meta.containsKey("content");
        String name = meta.get("name");
        String content = meta.get("content");
        if (!equiv
            && name != null
            && name.trim().equalsIgnoreCase("referrer")
            && content != null
            && !content.isEmpty()) {
          lastMeta = content; // the last <meta name=referrer> wins, as in the Observatory
        }
      }
      if (lastMeta != null) {
        values.add(lastMeta);
      }
    }
    if (values.isEmpty()) {
      return "referrer-policy-not-implemented";
    }
    String policy = "";
    for (String token : String.join(", ", values).split(",", -1)) {
      String t = token.trim().toLowerCase(Locale.ROOT);
      if (PRIVATE_REFERRER.contains(t) || UNSAFE_REFERRER.contains(t)) {
        policy = t;
      }
    }
    if (PRIVATE_REFERRER.contains(policy)) {
      return "referrer-policy-private";
    }
    return UNSAFE_REFERRER.contains(policy)
        ? "referrer-policy-unsafe"
        : "referrer-policy-header-invalid";
  }

  static String contentTypeOptions(Exchange auto) {
    String header = auto == null ? null : auto.headers().combined("x-content-type-options");
    if (header == null || header.isEmpty()) {
      return "x-content-type-options-not-implemented";
    }
    return header.trim().equalsIgnoreCase("nosniff")
        ? "x-content-type-options-nosniff"
        : "x-content-type-options-header-invalid";
  }

  static String frameOptions(Exchange auto, ObservatoryCsp csp) {
    if (auto == null) {
      return "x-frame-options-not-implemented";
    }
    String header = auto.headers().combined("x-frame-options");
    String result;
    if (header == null || header.isEmpty()) {
      result = "x-frame-options-not-implemented";
    } else {
      String xfo = header.trim().toLowerCase(Locale.ROOT);
      result =
          xfo.equals("deny") || xfo.equals("sameorigin")
              ? "x-frame-options-sameorigin-or-deny"
              : xfo.startsWith("allow-from")
                  ? "x-frame-options-allow-from-origin"
                  : "x-frame-options-header-invalid";
    }
    return csp.directives().containsKey("frame-ancestors")
        ? "x-frame-options-implemented-via-csp"
        : result;
  }

  static String resourcePolicy(Exchange auto) {
    String header = auto == null ? null : auto.headers().combined("cross-origin-resource-policy");
    if (header == null || header.isEmpty()) {
      return "corp-not-implemented";
    }
    return switch (header.trim().toLowerCase(Locale.ROOT)) {
      case "same-site" -> "corp-implemented-with-same-site";
      case "same-origin" -> "corp-implemented-with-same-origin";
      case "cross-origin" -> "corp-implemented-with-cross-origin";
      default -> "corp-header-invalid";
    };
  }

  /**
   * CORS as the Observatory grades it. Its retriever does not see the Origin it sent when it
   * compares, so a reflected Origin with credentials grades as "restricted" there; Armet's own CORS
   * check reports that case separately.
   */
  static String cors(Retrieval r) {
    Exchange cors = r.cors();
    String acao = cors == null ? null : cors.headers().combined("access-control-allow-origin");
    if (acao == null || acao.isEmpty()) {
      return "cross-origin-resource-sharing-not-implemented";
    }
    String data = acao.substring(0, Math.min(256, acao.length())).trim().toLowerCase(Locale.ROOT);
    return data.equals("*")
        ? "cross-origin-resource-sharing-implemented-with-public-access"
        : "cross-origin-resource-sharing-implemented-with-restricted-access";
  }

  static String cookies(Retrieval r, boolean hstsPasses) {
    String result = null;
    Exchange auto = r.auto();
    if (auto != null) {
      for (String raw : auto.headers().all("set-cookie")) {
        SetCookie c = SetCookie.parse(raw, auto.url().getHost());
        if (c != null && c.sameSiteInvalid()) {
          result = worse(result, "cookies-samesite-flag-invalid");
        }
      }
    }
    List<SetCookie> jar =
        r.cookies().stream().filter(c -> !c.name().equals("heroku-session-affinity")).toList();
    if (jar.isEmpty()) {
      return "cookies-not-found";
    }
    boolean missingSameSite = false;
    for (SetCookie c : jar) {
      boolean session = c.looksLikeSession();
      boolean csrf = c.name().toLowerCase(Locale.ROOT).contains("csrf");
      if (!c.secure() && "none".equals(c.sameSite())) {
        result = worse(result, "cookies-samesite-flag-invalid");
      }
      if (!c.secure()) {
        result =
            worse(
                result,
                hstsPasses
                    ? "cookies-without-secure-flag-but-protected-by-hsts"
                    : "cookies-without-secure-flag");
      }
      if (csrf && c.sameSite() == null) {
        result = worse(result, "cookies-anticsrf-without-samesite-flag");
      }
      if (session && !c.secure()) {
        result =
            worse(
                result,
                hstsPasses
                    ? "cookies-session-without-secure-flag-but-protected-by-hsts"
                    : "cookies-session-without-secure-flag");
      }
      if (session && !c.httpOnly()) {
        result = worse(result, "cookies-session-without-httponly-flag");
      }
      missingSameSite |= c.sameSite() == null;
    }
    if (result != null) {
      return result;
    }
    return missingSameSite
        ? "cookies-secure-with-httponly-sessions"
        : "cookies-secure-with-httponly-sessions-and-samesite";
  }

  private static String worse(String current, String candidate) {
    if (current == null) {
      return candidate;
    }
    return COOKIE_ORDER.indexOf(candidate) > COOKIE_ORDER.indexOf(current) ? candidate : current;
  }

  static boolean hstsPasses(String result) {
    return Set.of("hsts-implemented-max-age-at-least-six-months", "hsts-preloaded")
        .contains(result);
  }
}
