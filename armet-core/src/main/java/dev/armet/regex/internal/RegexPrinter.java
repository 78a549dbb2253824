package dev.armet.regex.internal;

import dev.armet.regex.internal.RegexNode.Alternation;
import dev.armet.regex.internal.RegexNode.Anchor;
import dev.armet.regex.internal.RegexNode.BackReference;
import dev.armet.regex.internal.RegexNode.CharAtom;
import dev.armet.regex.internal.RegexNode.Group;
import dev.armet.regex.internal.RegexNode.Repeat;
import dev.armet.regex.internal.RegexNode.Sequence;
import java.util.regex.Pattern;

/**
 * Writes a tree back as pattern text for the given base flags (an atom compiled under other flags
 * is wrapped in {@code (?flags-flags:...)}). Used for messages and rewrites; the output is always
 * compiled and checked before anyone sees it as a suggestion.
 */
public final class RegexPrinter {
  private static final int[] BITS = {
    Pattern.CASE_INSENSITIVE,
    Pattern.UNIX_LINES,
    Pattern.DOTALL,
    Pattern.UNICODE_CASE,
    Pattern.UNICODE_CHARACTER_CLASS
  };
  private static final char[] LETTERS = {'i', 'd', 's', 'u', 'U'};

  private RegexPrinter() {}

  public static String print(RegexNode node, int baseFlags) {
    StringBuilder out = new StringBuilder();
    print(node, baseFlags, out);
    return out.toString();
  }

  private static void print(RegexNode node, int base, StringBuilder out) {
    if (node instanceof CharAtom atom) {
      String source = atom.source();
      if ((atom.flags() & Pattern.COMMENTS) != 0) {
        source = "(?x:" + source + ")";
      }
      String diff = flagDiff(base, atom.flags());
      out.append(diff.isEmpty() ? source : "(?" + diff + ":" + source + ")");
    } else if (node instanceof Sequence seq) {
      for (RegexNode item : seq.items()) {
        boolean wrap = item instanceof Alternation;
        out.append(wrap ? "(?:" : "");
        print(item, base, out);
        out.append(wrap ? ")" : "");
      }
    } else if (node instanceof Alternation alt) {
      for (int i = 0; i < alt.branches().size(); i++) {
        out.append(i > 0 ? "|" : "");
        print(alt.branches().get(i), base, out);
      }
    } else if (node instanceof Group group) {
      out.append(
          switch (group.kind()) {
            case CAPTURING -> "(";
            case NON_CAPTURING -> "(?:";
            case ATOMIC -> "(?>";
            case LOOKAHEAD -> "(?=";
            case NEGATIVE_LOOKAHEAD -> "(?!";
            case LOOKBEHIND -> "(?<=";
            case NEGATIVE_LOOKBEHIND -> "(?<!";
          });
      print(group.body(), base, out);
      out.append(')');
    } else if (node instanceof Repeat repeat) {
      boolean wrap = !(repeat.body() instanceof CharAtom || repeat.body() instanceof Group);
      out.append(wrap ? "(?:" : "");
      print(repeat.body(), base, out);
      out.append(wrap ? ")" : "");
      out.append(quantifier(repeat));
    } else if (node instanceof Anchor anchor) {
      out.append(anchor.source());
    } else if (node instanceof BackReference ref) {
      out.append(ref.source());
    }
  }

  static String quantifier(Repeat repeat) {
    String q;
    if (repeat.min() == 0 && repeat.max() == 1) {
      q = "?";
    } else if (repeat.min() == 0 && repeat.unbounded()) {
      q = "*";
    } else if (repeat.min() == 1 && repeat.unbounded()) {
      q = "+";
    } else if (repeat.unbounded()) {
      q = "{" + repeat.min() + ",}";
    } else if (repeat.min() == repeat.max()) {
      q = "{" + repeat.min() + "}";
    } else {
      q = "{" + repeat.min() + "," + repeat.max() + "}";
    }
    return q
        + switch (repeat.greed()) {
          case GREEDY -> "";
          case LAZY -> "?";
          case POSSESSIVE -> "+";
        };
  }

  private static String flagDiff(int base, int flags) {
    StringBuilder on = new StringBuilder();
    StringBuilder off = new StringBuilder();
    for (int i = 0; i < BITS.length; i++) {
      boolean want = (flags & BITS[i]) != 0;
      if (want != ((base & BITS[i]) != 0)) {
        (want ? on : off).append(LETTERS[i]);
      }
    }
    return off.length() == 0 ? on.toString() : on + "-" + off;
  }
}
