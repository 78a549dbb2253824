package dev.armet.regex;

import dev.armet.regex.internal.RegexAnalyzer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.PatternSyntaxException;

/**
 * A ReDoS checker for the engine that actually runs: {@link java.util.regex.Pattern} of the running
 * JDK, with its JDK 9+ memoisation of greedy group loops, possessive quantifiers and atomic groups.
 *
 * <p>A static model of the engine proposes attack strings; each is then replayed on the real engine
 * over a counting {@link CharSequence} (every {@code charAt} counted, a step budget, no clock) at
 * growing sizes, and the verdict reports only the growth the replay showed. The stack depth is
 * measured separately on threads of 512 KiB and 1 MiB stacks. Patterns the model cannot read fall
 * back to a bounded search on the engine ({@link RegexVerdict#modelled()} is then false). Every run
 * is bounded by step budgets, so analysis of any pattern terminates.
 *
 * <pre>{@code
 * RegexVerdict v = RegexSafety.analyze("(a+)+$", 0, MatchMode.FIND);
 * v.complexityText();          // "polynomial (degree 3)"
 * v.attack().build(1000);      // the input that shows it
 * }</pre>
 *
 * <p>Threats: a pattern that backtracks super-linearly on attacker-controlled input (CPU
 * exhaustion), or recurses once per input character ({@link StackOverflowError}).
 */
public final class RegexSafety {
  /** The analysis runs on its own thread with this stack so the time replay never overflows. */
  private static final long ANALYSIS_STACK = 256L * 1024 * 1024;

  private RegexSafety() {}

  /** {@link #analyze(String, int, MatchMode)} with no flags in {@link MatchMode#MATCHES}. */
  public static RegexVerdict analyze(String pattern) {
    return analyze(pattern, 0, MatchMode.MATCHES);
  }

  /**
   * Analyzes one pattern.
   *
   * @param flags {@link java.util.regex.Pattern} flags, as passed to {@code Pattern.compile}
   * @throws PatternSyntaxException the JDK's own error (description and index) when the pattern
   *     does not compile; nothing else for any pattern
   */
  public static RegexVerdict analyze(String pattern, int flags, MatchMode mode) {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(mode, "mode");
    AtomicReference<Object> result = new AtomicReference<>();
    Thread worker =
        new Thread(
            null,
            () -> {
              try {
                result.set(RegexAnalyzer.analyze(pattern, flags, mode, true));
              } catch (RuntimeException | Error e) {
                result.set(e);
              }
            },
            "armet-regex-analysis",
            ANALYSIS_STACK);
    worker.setDaemon(true);
    worker.start();
    boolean interrupted = false;
    while (true) {
      try {
        worker.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the analysis is bounded by step budgets; finish it
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Object outcome = result.get();
    if (outcome instanceof RegexVerdict verdict) {
      return verdict;
    }
    if (outcome instanceof RuntimeException e) {
      throw e;
    }
    throw (Error) outcome;
  }
}
