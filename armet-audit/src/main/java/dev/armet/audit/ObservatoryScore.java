package dev.armet.audit;

import java.util.Map;

/**
 * The MDN HTTP Observatory's verdict computed the Observatory's way (algorithm version 4), so it
 * agrees with the Observatory's own scan of the same site.
 *
 * @param grade the Observatory letter grade, or null when the Observatory would refuse to grade (a
 *     final status other than 2xx, 3xx, 401 or 403)
 * @param score the Observatory score (may exceed 100 with extra credit), or null with the grade
 * @param algorithmVersion always {@value #ALGORITHM_VERSION}
 * @param results each Observatory test name mapped to its result, e.g. {@code
 *     strict-transport-security -> hsts-not-implemented}
 */
public record ObservatoryScore(
    String grade, Integer score, int algorithmVersion, Map<String, String> results) {
  /** The Observatory scoring algorithm this implements. */
  public static final int ALGORITHM_VERSION = 4;

  public ObservatoryScore {
    results = Map.copyOf(results);
  }
}
