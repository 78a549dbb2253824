package dev.armet.regex;

import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import dev.armet.regex.internal.CountingSequence;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Pattern} whose every match runs within a budget: at most {@code maxSteps} character
 * reads of the input (the engine's work, counted on the {@link CharSequence} it reads), and
 * optionally a time limit. A match that exceeds the budget or overflows the stack fails closed: it
 * throws {@link RegexBudgetExceededException} and records a {@code input_regex_budget_exceeded}
 * security event (pattern, limit, input length; never the input). A {@link StackOverflowError}
 * never escapes.
 *
 * <p>Defaults: 1,000,000 steps plus 100 per input character (a linear pattern reads each character
 * a few times), no time limit, events to {@link SecurityEventSink#logging()}.
 *
 * <pre>{@code
 * SafePattern search = SafePattern.compile("(\\w+\\s?)*$");
 * try {
 *   boolean hit = search.find(userInput).isPresent();
 * } catch (RegexBudgetExceededException e) {
 *   // refuse the request: the input made the pattern backtrack
 * }
 * }</pre>
 *
 * <p>The match runs on the caller's thread (no thread hop per match); a stack overflow is caught
 * there and turned into the same exception, the matcher's state being local to the call. The
 * pattern itself can be checked ahead of time with {@link RegexSafety#analyze}.
 */
public final class SafePattern {
  /** Default fixed part of the step budget. */
  public static final long DEFAULT_MAX_STEPS = 1_000_000;

  /** Default steps allowed per input character, on top of the fixed part. */
  public static final long DEFAULT_STEPS_PER_CHAR = 100;

  private final Pattern pattern;
  private final long maxSteps;
  private final long stepsPerChar;
  private final @Nullable Duration timeout;
  private final SecurityEventSink events;

  private SafePattern(Builder b) {
    this.pattern = Pattern.compile(b.regex, b.flags);
    this.maxSteps = b.maxSteps;
    this.stepsPerChar = b.stepsPerChar;
    this.timeout = b.timeout;
    this.events = b.events;
  }

  /**
   * A guard with the default budget; throws the JDK's {@code PatternSyntaxException} if invalid.
   */
  public static SafePattern compile(String regex) {
    return builder(regex).build();
  }

  public static SafePattern compile(String regex, Consumer<Builder> configure) {
    Builder b = builder(regex);
    configure.accept(b);
    return b.build();
  }

  public static Builder builder(String regex) {
    return new Builder(regex);
  }

  public Pattern pattern() {
    return pattern;
  }

  /** {@link Matcher#matches()} within the budget. */
  public boolean matches(CharSequence input) {
    return run(input, Matcher::matches);
  }

  /** {@link Matcher#lookingAt()} within the budget. */
  public boolean lookingAt(CharSequence input) {
    return run(input, Matcher::lookingAt);
  }

  /** The first {@link Matcher#find()} match, within the budget. */
  public Optional<MatchResult> find(CharSequence input) {
    MatchResult[] out = new MatchResult[1];
    run(
        input,
        m -> {
          if (m.find()) {
            out[0] = m.toMatchResult();
            return true;
          }
          return false;
        });
    return Optional.ofNullable(out[0]);
  }

  /** {@link Matcher#replaceAll(String)} within one budget for the whole scan. */
  public String replaceAll(CharSequence input, String replacement) {
    String[] out = new String[1];
    run(
        input,
        m -> {
          out[0] = m.replaceAll(replacement);
          return true;
        });
    return out[0];
  }

  private boolean run(CharSequence input, Predicate<Matcher> operation) {
    Objects.requireNonNull(input, "input");
    long budget = budgetFor(input.length());
    long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
    CountingSequence text = new CountingSequence(input, budget, deadline, timeout != null);
    try {
      return operation.test(pattern.matcher(text));
    } catch (CountingSequence.StepBudgetExceeded stop) {
      throw refuse(
          stop.time()
              ? RegexBudgetExceededException.Limit.TIME
              : RegexBudgetExceededException.Limit.STEPS,
          input.length(),
          budget);
    } catch (StackOverflowError overflow) {
      throw refuse(RegexBudgetExceededException.Limit.STACK, input.length(), budget);
    }
  }

  private long budgetFor(int length) {
    try {
      return Math.addExact(maxSteps, Math.multiplyExact(stepsPerChar, (long) length));
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private RegexBudgetExceededException refuse(
      RegexBudgetExceededException.Limit limit, int length, long budget) {
    String shown =
        pattern.pattern().length() > 200
            ? pattern.pattern().substring(0, 200) + "…"
            : pattern.pattern();
    events.record(
        SecurityEvent.of("input_regex_budget_exceeded")
            .with("pattern", shown)
            .with("limit", limit.name().toLowerCase(java.util.Locale.ROOT))
            .with("inputLength", length)
            .with("stepBudget", budget)
            .with("timeoutMs", timeout == null ? null : timeout.toMillis()));
    String what =
        switch (limit) {
          case STEPS -> "read more than " + budget + " characters (step budget)";
          case TIME -> "ran longer than " + Objects.requireNonNull(timeout).toMillis() + " ms";
          case STACK -> "overflowed the thread stack";
        };
    return new RegexBudgetExceededException(
        "regex match refused: pattern "
            + shown
            + " "
            + what
            + " on an input of "
            + length
            + " characters; the input is treated as not matching. Check the pattern with `armet regex`.",
        limit);
  }

  /** Validating builder; every setting checked in {@link #build()}. */
  public static final class Builder {
    private final String regex;
    private int flags;
    private long maxSteps = DEFAULT_MAX_STEPS;
    private long stepsPerChar = DEFAULT_STEPS_PER_CHAR;
    private @Nullable Duration timeout;
    private SecurityEventSink events = SecurityEventSink.logging();

    private Builder(String regex) {
      this.regex = Objects.requireNonNull(regex, "regex");
    }

    /** {@link Pattern} flags. Default 0. */
    public Builder flags(int value) {
      this.flags = value;
      return this;
    }

    /** The fixed part of the step budget, >= 1. Default {@value #DEFAULT_MAX_STEPS}. */
    public Builder maxSteps(long value) {
      this.maxSteps = value;
      return this;
    }

    /** Steps added per input character, >= 0. Default {@value #DEFAULT_STEPS_PER_CHAR}. */
    public Builder stepsPerChar(long value) {
      this.stepsPerChar = value;
      return this;
    }

    /** An optional time limit per match (checked every 1,024 reads). Default none. */
    public Builder timeout(Duration value) {
      this.timeout = value;
      return this;
    }

    /** Where refusals are recorded. Default {@link SecurityEventSink#logging()}. */
    public Builder events(SecurityEventSink value) {
      this.events = Objects.requireNonNull(value, "events");
      return this;
    }

    /**
     * The pattern, checked and compiled.
     *
     * @throws IllegalArgumentException naming the setting and its bound
     */
    public SafePattern build() {
      if (maxSteps < 1) {
        throw new IllegalArgumentException("maxSteps must be >= 1, was " + maxSteps);
      }
      if (stepsPerChar < 0) {
        throw new IllegalArgumentException("stepsPerChar must be >= 0, was " + stepsPerChar);
      }
      if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
        throw new IllegalArgumentException(
            "timeout must be positive, was " + timeout + "; leave it unset for none");
      }
      return new SafePattern(this);
    }
  }
}
