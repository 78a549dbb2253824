package dev.armet.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * New passwords after NIST SP 800-63B §3.1.1.2: at least {@value #MIN_LENGTH} characters on their
 * own (no other factor), up to {@value #MAX_LENGTH}; every character allowed, spaces included; no
 * composition rules (no "one digit, one symbol"); and refused if the bundled list of common and
 * breached passwords has it, or it is the user name, or one character repeated. Length is counted
 * in code points, so an emoji is one character.
 */
final class PasswordPolicy {
  static final int MIN_LENGTH = 12;
  static final int MAX_LENGTH = 256;
  private static final Set<String> COMMON = load();

  private PasswordPolicy() {}

  /** Why {@code password} may not be {@code username}'s new password, or null if it may. */
  static String problem(String username, String password) {
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      return "Use at least "
          + MIN_LENGTH
          + " characters ("
          + length
          + " given). A phrase of a few words is easy to remember.";
    }
    if (length > MAX_LENGTH) {
      return "Use at most " + MAX_LENGTH + " characters.";
    }
    if (Input.hasControlCharacters(password, false)) {
      return "A password cannot contain control characters.";
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (COMMON.contains(lower)) {
      return "This password is on a list of common or breached passwords; choose another.";
    }
    if (lower.equals(username.toLowerCase(Locale.ROOT))
        || lower.codePoints().distinct().count() == 1) {
      return "This password is too easy to guess; choose another.";
    }
    return null;
  }

  /** Whether the bundled list has {@code password} (case-insensitive). */
  static boolean isCommon(String password) {
    return COMMON.contains(password.toLowerCase(Locale.ROOT));
  }

  private static Set<String> load() {
    Set<String> set = new HashSet<>();
    try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
      if (in == null) {
        throw new IllegalStateException("common-passwords.txt is missing from the class path");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          set.add(line.strip().toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(set);
  }
}
