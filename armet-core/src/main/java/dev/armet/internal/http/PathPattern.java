package dev.armet.internal.http;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request-path pattern: {@code /logout} matches that path only; {@code /account/*} matches {@code
 * /account} and everything below it; {@code /*} matches every path. Matching is on the decoded,
 * normalized path the container reports, case-sensitive, and never on the query.
 *
 * <pre>{@code
 * PathPattern.of("/webhooks/*").matches("/webhooks/github")  // true
 * PathPattern.of("/webhooks/*").matches("/webhooksX")        // false
 * }</pre>
 */
public final class PathPattern {
  private final String pattern;
  private final @Nullable String prefix;

  private PathPattern(String pattern) {
    this.pattern = pattern;
    this.prefix = pattern.endsWith("/*") ? pattern.substring(0, pattern.length() - 2) : null;
  }

  /**
   * Parses a pattern.
   *
   * @throws IllegalArgumentException if it does not start with {@code /} or has a {@code *}
   *     anywhere but a trailing {@code /*}
   */
  public static PathPattern of(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    if (!pattern.startsWith("/")) {
      throw new IllegalArgumentException("path pattern must start with '/', was '" + pattern + "'");
    }
    int star = pattern.indexOf('*');
    if (star >= 0 && (star != pattern.length() - 1 || !pattern.endsWith("/*"))) {
      throw new IllegalArgumentException(
          "path pattern may only end with '/*' as a wildcard, was '" + pattern + "'");
    }
    return new PathPattern(pattern);
  }

  /** Parses each pattern. */
  public static List<PathPattern> all(String... patterns) {
    return java.util.Arrays.stream(patterns).map(PathPattern::of).toList();
  }

  /** Whether {@code path} is matched. */
  public boolean matches(String path) {
    if (path == null) {
      return false;
    }
    if (prefix == null) {
      return pattern.equals(path);
    }
    return path.startsWith(prefix)
        && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
  }

  /** Whether any of {@code patterns} matches {@code path}. */
  public static boolean anyMatches(List<PathPattern> patterns, String path) {
    for (int i = 0; i < patterns.size(); i++) {
      if (patterns.get(i).matches(path)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return pattern;
  }
}
