package dev.armet.audit.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Observatory's Content-Security-Policy test (algorithm version 4), reimplemented: the first
 * (worst-ordered) problem found names the result.
 *
 * @param result the Observatory result name, e.g. {@code csp-implemented-with-unsafe-inline}
 * @param directives the combined policy (header and {@code <meta>}), empty when not evaluated
 */
public record ObservatoryCsp(String result, Map<String, Set<String>> directives) {
  private static final Set<String> BROAD =
      Set.of("ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*");
  private static final Set<String> BROAD_OR_INLINE;
  private static final Set<String> PASSIVE = Set.of("img-src", "media-src");
  private static final List<String> NONCE_OR_HASH =
      List.of("'sha256-", "'sha384-", "'sha512-", "'nonce-");

  static {
    Set<String> s = new HashSet<>(BROAD);
    s.add("'unsafe-inline'");
    s.add("data:");
    BROAD_OR_INLINE = Set.copyOf(s);
  }

  /** Runs the test on the retrieval's auto response (header and {@code <meta http-equiv>}). */
  public static ObservatoryCsp evaluate(Retrieval r) {
    Exchange auto = r.auto();
    if (auto == null) {
      return new ObservatoryCsp("csp-not-implemented", Map.of());
    }
    List<String> header = new ArrayList<>();
    String combined = auto.headers().combined("content-security-policy");
    if (combined != null) {
      header.add(combined);
    }
    List<String> meta = metaPolicies(auto);
    List<String> all = new ArrayList<>(header);
    all.addAll(meta);
    Map<String, Set<String>> csp;
    try {
      csp = CspPolicyParser.parse(all);
    } catch (IllegalArgumentException e) {
      return new ObservatoryCsp("csp-header-invalid", Map.of());
    }
    Map<String, Set<String>> headerOnly = parseOrEmpty(header, false);
    Map<String, Set<String>> metaOnly = parseOrEmpty(meta, true);
    if (headerOnly.size() + metaOnly.size() == 0) {
      boolean reportOnly = auto.headers().has("content-security-policy-report-only");
      return new ObservatoryCsp(
          reportOnly ? "csp-not-implemented-but-reporting-enabled" : "csp-not-implemented",
          Map.of());
    }
    String result = null;
    Set<String> objectSrc = firstOf(csp, "object-src", "default-src");
    Set<String> scriptSrc = firstOf(csp, "script-src", "default-src");
    Set<String> styleSrc = firstOf(csp, "style-src", "default-src");
    for (Set<String> list : List.of(scriptSrc, styleSrc)) {
      if (hasNonceOrHash(list)) {
        list.remove("'unsafe-inline'");
      }
    }
    if (hasNonceOrHash(scriptSrc) && scriptSrc.contains("'strict-dynamic'")) {
      scriptSrc.removeIf(
          s ->
              BROAD.stream().anyMatch(s::startsWith)
                  || s.equals("'self'")
                  || s.equals("'unsafe-inline'"));
    } else if (scriptSrc.contains("'strict-dynamic'")) {
      result = "csp-header-invalid";
    }
    List<String> active = new ArrayList<>();
    csp.forEach(
        (d, sources) -> {
          if (!PASSIVE.contains(d) && !d.equals("script-src")) {
            active.addAll(sources);
          }
        });
    active.addAll(scriptSrc);
    List<String> passive = new ArrayList<>();
    for (String d : PASSIVE) {
      Set<String> s = csp.containsKey(d) ? csp.get(d) : csp.getOrDefault("default-src", Set.of());
      passive.addAll(s);
    }
    boolean https = r.autoIsHttps();
    if (scriptSrc.stream().anyMatch(BROAD_OR_INLINE::contains)
        || objectSrc.stream().anyMatch(BROAD::contains)) {
      result = orFirst(result, "csp-implemented-with-unsafe-inline");
    }
    if (https && active.stream().anyMatch(ObservatoryCsp::insecureScheme)) {
      result = orFirst(result, "csp-implemented-with-insecure-scheme");
    }
    if (Stream.concat(scriptSrc.stream(), styleSrc.stream()).anyMatch("'unsafe-eval'"::equals)) {
      result = orFirst(result, "csp-implemented-with-unsafe-eval");
    }
    if (https && passive.stream().anyMatch(ObservatoryCsp::insecureScheme)) {
      result = orFirst(result, "csp-implemented-with-insecure-scheme-in-passive-content-only");
    }
    if (styleSrc.stream().anyMatch(BROAD_OR_INLINE::contains)) {
      result = orFirst(result, "csp-implemented-with-unsafe-inline-in-style-src-only");
    }
    Set<String> defaultSrc = csp.get("default-src");
    if (defaultSrc != null && defaultSrc.size() == 1 && defaultSrc.contains("'none'")) {
      result = orFirst(result, "csp-implemented-with-no-unsafe-default-src-none");
    } else {
      result = orFirst(result, "csp-implemented-with-no-unsafe");
    }
    boolean pass =
        List.of(
                "csp-implemented-with-no-unsafe",
                "csp-implemented-with-no-unsafe-default-src-none",
                "csp-implemented-with-unsafe-inline-in-style-src-only",
                "csp-implemented-with-insecure-scheme-in-passive-content-only")
            .contains(result);
    if (pass && csp.containsKey(CspPolicyParser.DUPLICATES)) {
      result = "csp-implemented-but-duplicate-directives";
    }
    csp.remove(CspPolicyParser.DUPLICATES);
    return new ObservatoryCsp(result, csp);
  }

  /** The {@code <meta http-equiv="content-security-policy">} policies of an HTML response. */
  static List<String> metaPolicies(Exchange e) {
    List<String> out = new ArrayList<>();
    if (!Html.isHtml(e)) {
      return out;
    }
    for (Map<String, String> meta : Html.tags(e.body(), "meta")) {
      String equiv = meta.get("http-equiv");
      String content = meta.get("content");
      if (equiv != null
          && content != null
          && !content.isEmpty()
          && equiv.trim().equalsIgnoreCase("content-security-policy")) {
        out.add(content);
      }
    }
    return out;
  }

  private static Map<String, Set<String>> parseOrEmpty(List<String> policies, boolean meta) {
    try {
      return meta ? CspPolicyParser.parseMeta(policies) : CspPolicyParser.parse(policies);
    } catch (IllegalArgumentException e) {
      return Map.of();
    }
  }

  private static Set<String> firstOf(
      Map<String, Set<String>> csp, String directive, String fallback) {
    if (csp.containsKey(directive)) {
      return csp.get(directive);
    }
    if (csp.containsKey(fallback)) {
      return csp.get(fallback);
    }
    return new LinkedHashSet<>(Set.of("*"));
  }

  private static boolean hasNonceOrHash(Set<String> sources) {
    return sources.stream().anyMatch(s -> NONCE_OR_HASH.stream().anyMatch(s::startsWith));
  }

  private static boolean insecureScheme(String source) {
    return source.startsWith("http:") || source.startsWith("ftp:");
  }

  private static String orFirst(String current, String candidate) {
    return current != null ? current : candidate;
  }
}
