package dev.armet.audit.internal;

import dev.armet.audit.Grade;
import dev.armet.audit.ObservatoryScore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scores a retrieval as the MDN HTTP Observatory does (algorithm version 4): 100 points, each
 * test's result adds its modifier; bonuses count only when the score without them is at least 90.
 * The modifiers are the Observatory's published scoring table.
 */
public final class ObservatoryGrader {
  private static final int MINIMUM_FOR_EXTRA_CREDIT = 90;
  private static final Map<String, Integer> MODIFIERS =
      Map.ofEntries(
          Map.entry("csp-implemented-with-no-unsafe-default-src-none", 10),
          Map.entry("csp-implemented-with-no-unsafe", 5),
          Map.entry("csp-implemented-with-unsafe-inline-in-style-src-only", 0),
          Map.entry("csp-implemented-with-insecure-scheme-in-passive-content-only", -10),
          Map.entry("csp-implemented-with-unsafe-eval", -10),
          Map.entry("csp-implemented-with-unsafe-inline", -20),
          Map.entry("csp-implemented-with-insecure-scheme", -20),
          Map.entry("csp-header-invalid", -25),
          Map.entry("csp-not-implemented", -25),
          Map.entry("csp-not-implemented-but-reporting-enabled", -25),
          Map.entry("csp-implemented-but-duplicate-directives", 0),
          Map.entry("cookies-secure-with-httponly-sessions-and-samesite", 5),
          Map.entry("cookies-secure-with-httponly-sessions", 0),
          Map.entry("cookies-not-found", 0),
          Map.entry("cookies-without-secure-flag-but-protected-by-hsts", -5),
          Map.entry("cookies-session-without-secure-flag-but-protected-by-hsts", -10),
          Map.entry("cookies-without-secure-flag", -20),
          Map.entry("cookies-samesite-flag-invalid", -20),
          Map.entry("cookies-anticsrf-without-samesite-flag", -20),
          Map.entry("cookies-session-without-httponly-flag", -30),
          Map.entry("cookies-session-without-secure-flag", -40),
          Map.entry("cross-origin-resource-sharing-not-implemented", 0),
          Map.entry("cross-origin-resource-sharing-implemented-with-public-access", 0),
          Map.entry("cross-origin-resource-sharing-implemented-with-restricted-access", 0),
          Map.entry("cross-origin-resource-sharing-implemented-with-universal-access", -50),
          Map.entry("redirection-all-redirects-preloaded", 0),
          Map.entry("redirection-to-https", 0),
          Map.entry("redirection-not-needed-no-http", 0),
          Map.entry("redirection-off-host-from-http", -5),
          Map.entry("redirection-not-to-https-on-initial-redirection", -10),
          Map.entry("redirection-not-to-https", -20),
          Map.entry("redirection-missing", -20),
          Map.entry("redirection-invalid-cert", -20),
          Map.entry("referrer-policy-private", 5),
          Map.entry("referrer-policy-not-implemented", 0),
          Map.entry("referrer-policy-unsafe", -5),
          Map.entry("referrer-policy-header-invalid", -5),
          Map.entry("hsts-preloaded", 5),
          Map.entry("hsts-implemented-max-age-at-least-six-months", 0),
          Map.entry("hsts-implemented-max-age-less-than-six-months", -10),
          Map.entry("hsts-not-implemented", -20),
          Map.entry("hsts-header-invalid", -20),
          Map.entry("hsts-not-implemented-no-https", -20),
          Map.entry("hsts-invalid-cert", -20),
          Map.entry("sri-implemented-and-all-scripts-loaded-securely", 5),
          Map.entry("sri-implemented-and-external-scripts-loaded-securely", 5),
          Map.entry("sri-not-implemented-response-not-html", 0),
          Map.entry("sri-not-implemented-but-no-scripts-loaded", 0),
          Map.entry("sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0),
          Map.entry("sri-not-implemented-but-external-scripts-loaded-securely", -5),
          Map.entry("sri-implemented-but-external-scripts-not-loaded-securely", -20),
          Map.entry("sri-not-implemented-and-external-scripts-not-loaded-securely", -50),
          Map.entry("x-content-type-options-nosniff", 0),
          Map.entry("x-content-type-options-not-implemented", -5),
          Map.entry("x-content-type-options-header-invalid", -5),
          Map.entry("x-frame-options-implemented-via-csp", 5),
          Map.entry("x-frame-options-sameorigin-or-deny", 0),
          Map.entry("x-frame-options-allow-from-origin", 0),
          Map.entry("x-frame-options-not-implemented", -20),
          Map.entry("x-frame-options-header-invalid", -20),
          Map.entry("corp-header-invalid", -5),
          Map.entry("corp-implemented-with-cross-origin", 0),
          Map.entry("corp-implemented-with-same-origin", 10),
          Map.entry("corp-implemented-with-same-site", 10),
          Map.entry("corp-not-implemented", 0),
          Map.entry("html-not-parseable", -20));

  private ObservatoryGrader() {}

  /** The modifier of one result (0 for an unknown one). */
  public static int modifier(String result) {
    return MODIFIERS.getOrDefault(result, 0);
  }

  /**
   * Runs the ten tests and scores them; grade and score are null when the status is not gradable.
   */
  public static ObservatoryScore grade(Retrieval r) {
    Map<String, String> results = results(r);
    int status = r.auto().status();
    if (status < 200 || (status >= 400 && status != 401 && status != 403)) {
      return new ObservatoryScore(null, null, ObservatoryScore.ALGORITHM_VERSION, results);
    }
    int withExtra = 100;
    int uncurved = 100;
    for (String result : results.values()) {
      int m = modifier(result);
      withExtra += m;
      uncurved += Math.min(m, 0);
    }
    int score = Math.max(uncurved >= MINIMUM_FOR_EXTRA_CREDIT ? withExtra : uncurved, 0);
    return new ObservatoryScore(
        Grade.forScore(score), score, ObservatoryScore.ALGORITHM_VERSION, results);
  }

  static Map<String, String> results(Retrieval r) {
    Map<String, String> results = new LinkedHashMap<>();
    Exchange auto = r.auto();
    ObservatoryCsp csp = ObservatoryCsp.evaluate(r);
    String hsts = ObservatoryRules.hsts(r);
    results.put("content-security-policy", csp.result());
    results.put("cookies", ObservatoryRules.cookies(r, ObservatoryRules.hstsPasses(hsts)));
    results.put("cross-origin-resource-sharing", ObservatoryRules.cors(r));
    results.put("redirection", ObservatoryRules.redirection(r));
    results.put("referrer-policy", ObservatoryRules.referrer(auto));
    results.put("strict-transport-security", hsts);
    results.put("subresource-integrity", ObservatorySri.evaluate(r));
    results.put("x-content-type-options", ObservatoryRules.contentTypeOptions(auto));
    results.put("x-frame-options", ObservatoryRules.frameOptions(auto, csp));
    results.put("cross-origin-resource-policy", ObservatoryRules.resourcePolicy(auto));
    return results;
  }
}
