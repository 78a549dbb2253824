package dev.armet.audit.internal;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The Observatory's Subresource Integrity test (algorithm version 4), reimplemented. */
final class ObservatorySri {
  private static final List<String> ORDER =
      List.of(
          "sri-implemented-and-all-scripts-loaded-securely",
          "sri-implemented-and-external-scripts-loaded-securely",
          "sri-implemented-but-external-scripts-not-loaded-securely",
          "sri-not-implemented-but-external-scripts-loaded-securely",
          "sri-not-implemented-and-external-scripts-not-loaded-securely",
          "sri-not-implemented-response-not-html");
  private static final Pattern PROTOCOL_RELATIVE = Pattern.compile("^//[^/]");
  private static final Pattern FULL_URL = Pattern.compile("^https?://");

  private ObservatorySri() {}

  static String evaluate(Retrieval r) {
    Exchange auto = r.auto();
    if (auto == null) {
      return "sri-not-implemented-but-no-scripts-loaded";
    }
    if (!Html.isHtml(auto)) {
      return "sri-not-implemented-response-not-html";
    }
    List<Map<String, String>> scripts = Html.tags(auto.body(), "script");
    if (scripts.isEmpty()) {
      return "sri-not-implemented-but-no-scripts-loaded";
    }
    String siteDomain = registrableDomain(r.hostname().replaceFirst(":\\d+$", ""));
    String result = null;
    boolean foreign = false;
    for (Map<String, String> script : scripts) {
      String src = script.getOrDefault("src", "").trim();
      if (src.isEmpty()) {
        continue;
      }
      String integrity = script.get("integrity");
      boolean hasIntegrity = integrity != null && !integrity.isEmpty();
      boolean relativeProtocol = PROTOCOL_RELATIVE.matcher(src).find();
      boolean relativeOrigin = !relativeProtocol && !FULL_URL.matcher(src).find();
      boolean sameDomain =
          relativeProtocol
              || relativeOrigin
              || java.util.Objects.equals(registrableDomain(hostOf(src)), siteDomain);
      boolean secureOrigin = relativeOrigin || (sameDomain && !relativeProtocol);
      foreign |= !secureOrigin;
      boolean secureScheme =
          (!relativeProtocol
                  && !relativeOrigin
                  && src.toLowerCase(Locale.ROOT).startsWith("https:"))
              || (relativeOrigin && r.autoIsHttps());
      if (!secureOrigin) {
        if (hasIntegrity && !secureScheme) {
          result = worse(result, "sri-implemented-but-external-scripts-not-loaded-securely");
        } else if (!hasIntegrity && secureScheme) {
          result = worse(result, "sri-not-implemented-but-external-scripts-loaded-securely");
        } else if (!hasIntegrity) {
          result = worse(result, "sri-not-implemented-and-external-scripts-not-loaded-securely");
        }
      } else if (hasIntegrity && secureScheme && result == null) {
        result = "sri-implemented-and-all-scripts-loaded-securely";
      }
    }
    if (result != null) {
      return result;
    }
    return foreign
        ? "sri-implemented-and-external-scripts-loaded-securely"
        : "sri-not-implemented-but-all-scripts-loaded-from-secure-origin";
  }

  private static String hostOf(String url) {
    try {
      String host = URI.create(url.replace(" ", "%20")).getHost();
      return host == null ? "" : host;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /**
   * The last two labels of a DNS name; null for an IP address or a single label (an approximation
   * of the public-suffix rule, exact for the usual two-label sites).
   */
  static String registrableDomain(String host) {
    String h = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|\\]$", "");
    if (h.isEmpty() || HttpProbe.isIpLiteral(h)) {
      return null;
    }
    String[] labels = h.split("\\.");
    return labels.length < 2 ? null : labels[labels.length - 2] + "." + labels[labels.length - 1];
  }

  private static String worse(String current, String candidate) {
    if (current == null) {
      return candidate;
    }
    return ORDER.indexOf(candidate) > ORDER.indexOf(current) ? candidate : current;
  }
}
