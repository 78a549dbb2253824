package dev.armet.regex.internal;

import dev.armet.regex.internal.RegexNode.Alternation;
import dev.armet.regex.internal.RegexNode.Anchor;
import dev.armet.regex.internal.RegexNode.BackReference;
import dev.armet.regex.internal.RegexNode.CharAtom;
import dev.armet.regex.internal.RegexNode.Empty;
import dev.armet.regex.internal.RegexNode.Greed;
import dev.armet.regex.internal.RegexNode.Group;
import dev.armet.regex.internal.RegexNode.GroupKind;
import dev.armet.regex.internal.RegexNode.Repeat;
import dev.armet.regex.internal.RegexNode.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a pattern that {@link Pattern#compile} has already accepted into a {@link RegexNode} tree,
 * following the JDK's own grammar (java.util.regex.Pattern#expr/sequence/atom/closure): one
 * quantifier per atom, a {@code {n}} after a quantifier applies to an empty atom (so {@code a?{25}}
 * is {@code a?} then nothing 25 times), a quantifier after a run of literals binds the last one,
 * {@code ]} and {@code }} outside a class are literals, inline flags last until the end of the
 * enclosing group, {@code COMMENTS} skips white space and {@code #} comments.
 *
 * <p>A construct it does not know throws {@link Unsupported}; the caller then falls back to a
 * search on the engine and says so.
 */
public final class RegexParser {
  /** The pattern uses something this model does not read. */
  public static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported(String message) {
      super(message, null, false, false);
    }
  }

  private static final int MAX_DEPTH = 200;
  private final String text;
  private int pos;
  private int flags;
  private int depth;
  private boolean backReferences;

  private RegexParser(String text, int flags) {
    this.text = text;
    this.flags = flags;
  }

  /**
   * The tree of {@code pattern} compiled with {@code flags}; LITERAL patterns become a sequence.
   */
  public static Parsed parse(String pattern, int flags) {
    if ((flags & Pattern.LITERAL) != 0) {
      List<RegexNode> items = new ArrayList<>();
      pattern.codePoints().forEach(cp -> items.add(literal(cp, flags & ~Pattern.LITERAL)));
      return new Parsed(new Sequence(items), false);
    }
    RegexParser parser = new RegexParser(pattern, flags);
    RegexNode root = parser.alternation();
    if (parser.pos < parser.text.length()) {
      throw new Unsupported("unread text at index " + parser.pos);
    }
    return new Parsed(root, parser.backReferences);
  }

  /** The tree and whether the pattern has a back reference (which turns off the JDK's memo). */
  public record Parsed(RegexNode root, boolean hasBackReference) {}

  private RegexNode alternation() {
    if (++depth > MAX_DEPTH) {
      throw new Unsupported("groups nested deeper than " + MAX_DEPTH);
    }
    List<RegexNode> branches = new ArrayList<>();
    branches.add(sequence());
    while (peek() == '|') {
      pos++;
      branches.add(sequence());
    }
    depth--;
    return branches.size() == 1 ? branches.get(0) : new Alternation(List.copyOf(branches));
  }

  private RegexNode sequence() {
    List<RegexNode> items = new ArrayList<>();
    while (true) {
      int c = peek();
      if (c == -1 || c == '|' || c == ')') {
        break;
      }
      RegexNode atom;
      switch (c) {
        case '(' -> {
          atom = group();
          if (atom == null) {
            continue; // an inline flag group: no node
          }
        }
        case '[' -> {
          int end = classEnd(pos);
          atom = new CharAtom(text.substring(pos, end), flags);
          pos = end;
        }
        case '\\' -> atom = escape();
        case '^', '$' -> {
          pos++;
          atom = new Anchor(String.valueOf((char) c));
        }
        case '.' -> {
          pos++;
          atom = new CharAtom(".", flags);
        }
        case '{' -> atom = new Empty(); // the JDK's empty slice before a counted closure
        case '?', '*', '+' -> throw new Unsupported("dangling quantifier at index " + pos);
        default -> {
          int cp = text.codePointAt(pos);
          pos += Character.charCount(cp);
          atom = literal(cp, flags);
        }
      }
      items.add(quantified(atom));
    }
    return items.size() == 1
        ? items.get(0)
        : items.isEmpty() ? new Empty() : new Sequence(List.copyOf(items));
  }

  private RegexNode quantified(RegexNode atom) {
    int c = peek();
    int min;
    int max;
    switch (c) {
      case '?' -> {
        pos++;
        min = 0;
        max = 1;
      }
      case '*' -> {
        pos++;
        min = 0;
        max = Repeat.UNBOUNDED;
      }
      case '+' -> {
        pos++;
        min = 1;
        max = Repeat.UNBOUNDED;
      }
      case '{' -> {
        int close = text.indexOf('}', pos);
        String[] range = text.substring(pos + 1, close).split(",", -1);
        min = Integer.parseInt(range[0]);
        max =
            range.length == 1
                ? min
                : range[1].isEmpty() ? Repeat.UNBOUNDED : Integer.parseInt(range[1]);
        pos = close + 1;
      }
      default -> {
        return atom;
      }
    }
    Greed greed = Greed.GREEDY;
    if (pos < text.length() && text.charAt(pos) == '?') {
      pos++;
      greed = Greed.LAZY;
    } else if (pos < text.length() && text.charAt(pos) == '+') {
      pos++;
      greed = Greed.POSSESSIVE;
    }
    return new Repeat(atom, min, max, greed);
  }

  private @Nullable RegexNode group() {
    pos++; // (
    int saved = flags;
    GroupKind kind = GroupKind.CAPTURING;
    if (text.startsWith("?", pos)) {
      pos++;
      char c = text.charAt(pos);
      if (c == ':') {
        pos++;
        kind = GroupKind.NON_CAPTURING;
      } else if (c == '=') {
        pos++;
        kind = GroupKind.LOOKAHEAD;
      } else if (c == '!') {
        pos++;
        kind = GroupKind.NEGATIVE_LOOKAHEAD;
      } else if (c == '>') {
        pos++;
        kind = GroupKind.ATOMIC;
      } else if (text.startsWith("<=", pos)) {
        pos += 2;
        kind = GroupKind.LOOKBEHIND;
      } else if (text.startsWith("<!", pos)) {
        pos += 2;
        kind = GroupKind.NEGATIVE_LOOKBEHIND;
      } else if (c == '<') {
        pos = text.indexOf('>', pos) + 1;
      } else {
        int end = pos;
        while (text.charAt(end) != ')' && text.charAt(end) != ':') {
          end++;
        }
        flags = InlineFlags.apply(flags, text.substring(pos, end));
        pos = end + 1;
        if (text.charAt(end) == ')') {
          return null; // (?i): the new flags last until the enclosing group ends
        }
        kind = GroupKind.NON_CAPTURING;
      }
    }
    RegexNode body = alternation();
    if (peek() != ')') {
      throw new Unsupported("unclosed group at index " + pos);
    }
    pos++;
    flags = saved;
    return new Group(kind, body);
  }

  private RegexNode escape() {
    int start = pos;
    char c = text.charAt(pos + 1);
    pos += 2;
    switch (c) {
      case 'b' -> {
        if (text.startsWith("{g}", pos)) {
          pos += 3;
        }
        return new Anchor(text.substring(start, pos));
      }
      case 'B', 'A', 'z', 'Z', 'G' -> {
        return new Anchor(text.substring(start, pos));
      }
      case 'd', 'D', 's', 'S', 'w', 'W', 'h', 'H', 'v', 'V', 'X' -> {
        return new CharAtom(text.substring(start, pos), flags);
      }
      case 'R' -> {
        return new Group(
            GroupKind.ATOMIC,
            new Alternation(
                List.of(
                    new Sequence(List.of(literal('\r', flags), literal('\n', flags))),
                    new CharAtom("[\\n\\x0B\\f\\r\\u0085\\u2028\\u2029]", 0))));
      }
      case 'p', 'P' -> {
        if (pos < text.length() && text.charAt(pos) == '{') {
          pos = text.indexOf('}', pos) + 1;
        } else {
          pos++;
        }
        return new CharAtom(text.substring(start, pos), flags);
      }
      case 'k' -> {
        pos = text.indexOf('>', pos) + 1;
        backReferences = true;
        return new BackReference(text.substring(start, pos));
      }
      case 'Q' -> {
        int end = text.indexOf("\\E", pos);
        String quoted = text.substring(pos, end < 0 ? text.length() : end);
        pos = end < 0 ? text.length() : end + 2;
        List<RegexNode> items = new ArrayList<>();
        quoted.codePoints().forEach(cp -> items.add(literal(cp, flags)));
        // a quantifier after \Q..\E binds its last character, as after any run of literals
        if (items.isEmpty()) {
          return new Empty();
        }
        if (items.size() == 1) {
          return items.get(0);
        }
        RegexNode last = quantified(items.remove(items.size() - 1));
        items.add(last);
        return new Sequence(List.copyOf(items));
      }
      default -> {
        if (c >= '1' && c <= '9') {
          while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++; // the JDK takes more digits while such a group exists; the exact number does not
            // matter here
          }
          backReferences = true;
          return new BackReference(text.substring(start, pos));
        }
        pos = start;
        int cp = EscapeDecoder.decode(text, this);
        return literal(cp, flags);
      }
    }
  }

  int position() {
    return pos;
  }

  void position(int newPosition) {
    pos = newPosition;
  }

  /** The character at the cursor after COMMENTS-mode white space and comments, or -1 at the end. */
  private int peek() {
    if ((flags & Pattern.COMMENTS) != 0) {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '#') {
          while (pos < text.length() && !isLineEnd(text.charAt(pos))) {
            pos++;
          }
        } else if (Character.isWhitespace(c) || c == '\u000B') {
          pos++;
        } else {
          break;
        }
      }
    }
    return pos < text.length() ? text.charAt(pos) : -1;
  }

  private static boolean isLineEnd(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  /** The index after the {@code ]} that closes the class opening at {@code open}. */
  private int classEnd(int open) {
    int i = open + 1;
    if (i < text.length() && text.charAt(i) == '^') {
      i++;
    }
    boolean empty = true;
    while (i < text.length()) {
      char c = text.charAt(i);
      if ((flags & Pattern.COMMENTS) != 0 && c == '#') {
        while (i < text.length() && !isLineEnd(text.charAt(i))) {
          i++;
        }
        continue;
      }
      if (c == '\\') {
        if (text.startsWith("Q", i + 1)) {
          int end = text.indexOf("\\E", i + 2);
          i = end < 0 ? text.length() : end + 2;
        } else {
          i += 2;
          if (i < text.length()
              && text.charAt(i) == '{'
              && "pPxN".indexOf(text.charAt(i - 1)) >= 0) {
            i = text.indexOf('}', i) + 1;
          }
        }
        empty = false;
      } else if (c == '[') {
        i = classEnd(i);
        empty = false;
      } else if (c == ']' && !empty) {
        return i + 1;
      } else {
        if (!Character.isWhitespace(c) || (flags & Pattern.COMMENTS) == 0) {
          empty = false;
        }
        i++;
      }
    }
    throw new Unsupported("unclosed character class at index " + open);
  }

  static CharAtom literal(int codePoint, int flags) {
    return new CharAtom(literalSource(codePoint), flags & ~Pattern.COMMENTS);
  }

  /**
   * The character itself when it is plain, escaped when it is a metacharacter, else {@code \x{..}}.
   */
  static String literalSource(int codePoint) {
    if ((codePoint >= 'a' && codePoint <= 'z')
        || (codePoint >= 'A' && codePoint <= 'Z')
        || (codePoint >= '0' && codePoint <= '9')
        || "_=:;,'\"<>@%~`/".indexOf(codePoint) >= 0) {
      return Character.toString(codePoint);
    }
    if ("\\.[]{}()*+?^$|-!#&".indexOf(codePoint) >= 0) {
      return "\\" + (char) codePoint;
    }
    return "\\x{" + Integer.toHexString(codePoint) + "}";
  }
}
