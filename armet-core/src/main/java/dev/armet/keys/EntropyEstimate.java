package dev.armet.keys;

import java.util.Locale;
import java.util.Set;

/**
 * A deliberately conservative strength estimate for text secrets. It takes the smaller of (length ×
 * bits of the narrowest alphabet the text fits) and (length × the Shannon entropy of its character
 * frequencies, plus slack for short samples), so 43 base64url characters from {@code armet keys
 * generate} pass 256 bits while a long passphrase of few distinct characters does not. Then
 * structure: repetition, character sequences and common words count for what they are worth ({@link
 * SecretPatterns}), with {@value #STRUCTURE_SLACK} bits of slack so the few bits of accidental
 * structure in random text never matter.
 */
final class EntropyEstimate {
  /** Examples published in documentation and tutorials; attackers try these first. */
  private static final Set<String> WELL_KNOWN =
      Set.of(
          "secret",
          "s3cur3",
          "keyboard cat",
          "changeme",
          "change me",
          "change-me",
          "password",
          "passw0rd",
          "p@ssw0rd",
          "123456",
          "12345678",
          "admin",
          "default",
          "mysecret",
          "my secret",
          "my-secret",
          "supersecret",
          "super secret",
          "super-secret",
          "secret key",
          "secret-key",
          "secretkey",
          "your-secret-key",
          "your secret key",
          "shhhhh",
          "test",
          "example",
          "key",
          "sessionsecret",
          "session secret",
          "cookie secret",
          "qwerty",
          "letmein",
          "abc123",
          "replace-me",
          "replaceme",
          "todo",
          "xxx",
          "foo",
          "bar",
          "foobar");

  /** Random text shows a little structure by chance (a 4-character repeat, an "abcd"). */
  static final int STRUCTURE_SLACK = 32;

  /** The estimate, and what structure lowered it (empty when none did). */
  static final class Estimate {
    final int bits;
    final String structure;

    Estimate(int bits, String structure) {
      this.bits = bits;
      this.structure = structure;
    }
  }

  private EntropyEstimate() {}

  static Estimate of(String text) {
    int byCharacters = bits(text);
    if (text.isEmpty()) {
      return new Estimate(0, "");
    }
    SecretPatterns.Result structured = SecretPatterns.analyse(text, alphabetBits(text));
    int byStructure = (int) Math.floor(structured.bits) + STRUCTURE_SLACK;
    if (byStructure >= byCharacters) {
      return new Estimate(byCharacters, "");
    }
    StringBuilder found = new StringBuilder();
    int k = 0;
    for (SecretPatterns.Kind kind : structured.kinds) {
      found
          .append(k == 0 ? "" : k == structured.kinds.size() - 1 ? " and " : ", ")
          .append(kind.label);
      k++;
    }
    return new Estimate(byStructure, found.toString());
  }

  /** Printable ASCII is ~6.6 bits a character; non-ASCII text is rarely random. */
  private static double alphabetBits(String text) {
    return text.matches("[0-9a-fA-F]+") ? 4 : text.matches("[A-Za-z0-9_\\-+/=]+") ? 6 : 6.5;
  }

  static boolean isWellKnown(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    return WELL_KNOWN.contains(t) || t.matches("(.)\\1*");
  }

  static int bits(String text) {
    int n = text.length();
    if (n == 0) {
      return 0;
    }
    double alphabet = alphabetBits(text);
    int[] counts = new int[128];
    int other = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double shannon = 0;
    for (int c : counts) {
      shannon -= c == 0 ? 0 : (c / (double) n) * (Math.log(c / (double) n) / Math.log(2));
    }
    if (other > 0) {
      shannon += 1;
    }
    // A random sample of n characters shows fewer distinct symbols than its alphabet has, so the
    // frequency estimate under-reads random keys (43 random base64url characters measure 4.2 to
    // 5.3 bits); the slack corrects for that. Free text gets less slack: it is rarely random.
    double perChar = Math.min(alphabet, shannon + (alphabet <= 6 ? 2.5 : 1.5));
    return (int) Math.floor(n * perChar);
  }
}
