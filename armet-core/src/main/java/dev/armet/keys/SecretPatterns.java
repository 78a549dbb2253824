package dev.armet.keys;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a secret costs an attacker who guesses structure rather than characters (the idea behind
 * zxcvbn): the cheapest description of the text as a sequence of literal characters, common words,
 * runs such as {@code 0123} or {@code fedc}, and copies of what came before. A copy costs its
 * offset and length, not its characters, so {@code "password"} ten times is one word and one copy:
 * about 25 bits, not the 400 its length suggests. Random text has no structure to find and costs
 * its full length. Only the first {@value #MAX_ANALYSED} characters are analysed (each further one
 * counts in full); the analysis is O(n²) in that prefix.
 */
final class SecretPatterns {
  /** The structures found in the cheapest description. */
  enum Kind {
    REPETITION("repetition"),
    SEQUENCE("a character sequence"),
    WORD("a common word");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /** The estimate and the structures it used. */
  static final class Result {
    final double bits;
    final Set<Kind> kinds;

    Result(double bits, Set<Kind> kinds) {
      this.bits = bits;
      this.kinds = kinds;
    }
  }

  static final int MAX_ANALYSED = 4096;

  /** A word from a list of about 30,000 (what cracking tools start with), with a case variation. */
  private static final double WORD_BITS = 16;

  private static final int MIN_MATCH = 4;

  /**
   * Words from published examples and the most common passwords; lower case, at least 4 letters.
   */
  private static final List<String> WORDS =
      List.of(
          "password",
          "passw0rd",
          "passphrase",
          "secret",
          "s3cr3t",
          "s3cur3",
          "secure",
          "admin",
          "administrator",
          "qwerty",
          "qwertyuiop",
          "asdfghjkl",
          "zxcvbnm",
          "letmein",
          "welcome",
          "monkey",
          "dragon",
          "master",
          "login",
          "changeme",
          "change",
          "default",
          "example",
          "session",
          "cookie",
          "token",
          "keyboard",
          "football",
          "baseball",
          "sunshine",
          "princess",
          "shadow",
          "superman",
          "iloveyou",
          "trustno1",
          "starwars",
          "whatever",
          "freedom",
          "hello",
          "charlie",
          "access",
          "flower",
          "hunter",
          "soccer",
          "hockey",
          "killer",
          "summer",
          "winter",
          "spring",
          "autumn",
          "test",
          "demo",
          "armet",
          "production",
          "development",
          "staging",
          "server",
          "database",
          "application",
          "private",
          "public",
          "random",
          "string",
          "value",
          "replace",
          "please",
          "generate",
          "signing",
          "encryption",
          "apikey",
          "super",
          "root",
          "user",
          "guest",
          "java",
          "django",
          "rails",
          "express",
          "node",
          "docker",
          "kubernetes",
          "mysecret");

  private SecretPatterns() {}

  /** The cheapest description of {@code text}, at {@code charBits} per literal character. */
  static Result analyse(String text, double charBits) {
    int n = Math.min(text.length(), MAX_ANALYSED);
    String lower = text.toLowerCase(Locale.ROOT);
    double[] cost = new double[n + 1];
    int[] from = new int[n + 1];
    Kind[] how = new Kind[n + 1];
    java.util.Arrays.fill(cost, Double.POSITIVE_INFINITY);
    cost[0] = 0;
    int[] copyEnd = new int[n];
    double[] copyCost = new double[n];
    longestCopies(text, n, copyEnd, copyCost);
    for (int i = 0; i < n; i++) {
      relax(cost, from, how, i, i + 1, charBits, null);
      for (String w : WORDS) {
        if (i + w.length() <= n && lower.startsWith(w, i)) {
          relax(cost, from, how, i, i + w.length(), WORD_BITS, Kind.WORD);
        }
      }
      int run = sequenceRun(text, i, n);
      for (int len = MIN_MATCH; len <= run; len++) {
        relax(cost, from, how, i, i + len, charBits + 1 + log2(len), Kind.SEQUENCE);
      }
      if (copyEnd[i] > i) {
        relax(cost, from, how, i, copyEnd[i], copyCost[i], Kind.REPETITION);
      }
    }
    Set<Kind> kinds = EnumSet.noneOf(Kind.class);
    for (int at = n; at > 0; at = from[at]) {
      if (how[at] != null) {
        kinds.add(how[at]);
      }
    }
    return new Result(cost[n] + (text.length() - n) * charBits, kinds);
  }

  private static void relax(
      double[] cost, int[] from, Kind[] how, int i, int j, double add, @Nullable Kind kind) {
    if (cost[i] + add < cost[j]) {
      cost[j] = cost[i] + add;
      from[j] = i;
      how[j] = kind;
    }
  }

  /**
   * For each position, the longest copy of earlier text starting there (at least {@value
   * #MIN_MATCH} characters; overlapping allowed, so {@code abab…} is one copy) and its cost: the
   * offset and the length.
   */
  private static void longestCopies(String text, int n, int[] end, double[] add) {
    int[] run = new int[n + 1];
    for (int d = 1; d < n; d++) {
      run[n] = 0;
      for (int i = n - 1; i >= d; i--) {
        run[i] = text.charAt(i) == text.charAt(i - d) ? run[i + 1] + 1 : 0;
        if (run[i] >= MIN_MATCH && i + run[i] > end[i]) {
          end[i] = i + run[i];
          add[i] = log2(d) + log2(run[i]) + 1;
        }
      }
    }
  }

  /** How long a run of +1 or -1 steps (abcd, 4321) starts at {@code i}; 1 when none. */
  private static int sequenceRun(String text, int i, int n) {
    if (i + 1 >= n) {
      return 1;
    }
    int step = text.charAt(i + 1) - text.charAt(i);
    if (step != 1 && step != -1) {
      return 1;
    }
    int len = 2;
    while (i + len < n && text.charAt(i + len) - text.charAt(i + len - 1) == step) {
      len++;
    }
    return len;
  }

  private static double log2(double x) {
    return Math.log(Math.max(1, x)) / Math.log(2);
  }
}
