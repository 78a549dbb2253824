package dev.armet.audit;

import java.util.List;
import java.util.Locale;

/**
 * Letter grades, best first, and the score-to-grade chart the MDN HTTP Observatory uses (scores are
 * rounded down to a multiple of 5; 100 and above is A+).
 */
public final class Grade {
  /** Every grade, best first. */
  public static final List<String> ALL =
      List.of("A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "F");

  private Grade() {}

  /** The grade for a score (negative scores count as 0). */
  public static String forScore(int score) {
    int key = Math.min(Math.max(score, 0) / 5 * 5, 100);
    if (key == 100) {
      return "A+";
    }
    if (key >= 90) {
      return "A";
    }
    if (key >= 85) {
      return "A-";
    }
    if (key >= 80) {
      return "B+";
    }
    if (key >= 70) {
      return "B";
    }
    if (key >= 65) {
      return "B-";
    }
    if (key >= 60) {
      return "C+";
    }
    if (key >= 50) {
      return "C";
    }
    if (key >= 45) {
      return "C-";
    }
    if (key >= 40) {
      return "D+";
    }
    if (key >= 30) {
      return "D";
    }
    return key >= 25 ? "D-" : "F";
  }

  /**
   * Parses a grade as a user writes it ({@code a+}, {@code B}).
   *
   * @throws IllegalArgumentException naming the accepted grades
   */
  public static String parse(String text) {
    String g = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    if (!ALL.contains(g)) {
      throw new IllegalArgumentException(
          "grade must be one of " + String.join(", ", ALL) + ", was '" + text + "'");
    }
    return g;
  }

  /** True when {@code grade} is as good as {@code threshold} or better. */
  public static boolean atLeast(String grade, String threshold) {
    return ALL.indexOf(grade) <= ALL.indexOf(threshold);
  }
}
