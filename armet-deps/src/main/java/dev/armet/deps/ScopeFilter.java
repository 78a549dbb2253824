package dev.armet.deps;

import java.util.Locale;

/** {@code --scope}: which Maven scopes an audit looks at. Default {@link #RUNTIME}. */
public enum ScopeFilter {
  /**
   * compile, runtime and system (what ships), plus artifacts whose scope is unknown (jars, SBOMs).
   */
  RUNTIME,
  /** the test classpath: every scope Maven resolves (compile, provided, runtime, test, system). */
  TEST,
  /** every scope, whatever the source says. */
  ALL;

  public boolean keeps(String scope) {
    return switch (this) {
      case ALL -> true;
      case TEST -> true;
      case RUNTIME -> !scope.equals("test") && !scope.equals("provided");
    };
  }

  public static ScopeFilter parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--scope must be runtime, test or all; was '" + text + "'", e);
    }
  }
}
