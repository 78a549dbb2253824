package dev.armet.regex.internal;

import dev.armet.regex.internal.RegexNode.CharAtom;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A finite alphabet that stands for all of Unicode in the model: the characters the pattern names,
 * their case variants, and one representative of each common class. Which of them a
 * single-character atom matches is asked of the JDK itself, so class arithmetic ({@code &&}, nested
 * unions, {@code \p{...}}, case folding) is exactly the engine's.
 */
public final class CharUniverse {
  private static final String REPRESENTATIVES =
      "aA0 _-.=/:;,!\"'<>@#%&*+?()[]{}|\\\t\n\r\u000B\f\u0000\u0085\u00a0\u00e9\u200c\u2028\u3000\uffee~";
  private static final int MEMBERSHIP_FLAGS =
      Pattern.CASE_INSENSITIVE
          | Pattern.UNICODE_CASE
          | Pattern.DOTALL
          | Pattern.UNIX_LINES
          | Pattern.UNICODE_CHARACTER_CLASS
          | Pattern.COMMENTS;

  private final char[] chars;
  private final IdentityHashMap<CharAtom, BitSet> members = new IdentityHashMap<>();

  private CharUniverse(char[] chars) {
    this.chars = chars;
  }

  /** The universe for a pattern's text: its own characters first, then the representatives. */
  public static CharUniverse of(String patternText) {
    Set<Character> set = new LinkedHashSet<>();
    for (int i = 0; i < patternText.length() && set.size() < 96; i++) {
      char c = patternText.charAt(i);
      set.add(c);
      set.add(Character.toLowerCase(c));
      set.add(Character.toUpperCase(c));
    }
    for (int i = 0; i < REPRESENTATIVES.length(); i++) {
      set.add(REPRESENTATIVES.charAt(i));
    }
    char[] chars = new char[set.size()];
    int i = 0;
    for (char c : set) {
      chars[i++] = c;
    }
    return new CharUniverse(chars);
  }

  public int size() {
    return chars.length;
  }

  public char charAt(int index) {
    return chars[index];
  }

  /** The universe characters {@code atom} matches (cached per atom). */
  public BitSet members(CharAtom atom) {
    return members.computeIfAbsent(
        atom,
        a -> {
          Pattern p;
          try {
            p = Pattern.compile(a.source(), a.flags() & MEMBERSHIP_FLAGS);
          } catch (RuntimeException e) {
            throw new RegexParser.Unsupported("cannot read the class " + a.source());
          }
          BitSet set = new BitSet(chars.length);
          for (int i = 0; i < chars.length; i++) {
            if (p.matcher(String.valueOf(chars[i])).matches()) {
              set.set(i);
            }
          }
          return set;
        });
  }
}
