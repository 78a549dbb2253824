package dev.armet.regex.internal;

import dev.armet.regex.MatchMode;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Measures the input length at which a match overflows a thread stack of a given size: the attack
 * runs on a fresh thread with that stack, and a binary search over the repetitions finds the
 * shortest input that throws {@link StackOverflowError}.
 */
public final class StackProbe {
  public static final int STACK_512K = 512 * 1024;
  public static final int STACK_1M = 1024 * 1024;

  /** The longest input tried. */
  public static final int MAX_LENGTH = 100_000;

  private static final long BUDGET = 500_000;

  private StackProbe() {}

  /**
   * The shortest overflowing input length on a {@code stackSize} stack (to within 1%), or -1 if
   * nothing up to {@code upTo} characters overflows. Sizes double from 64 repetitions, then a
   * binary search narrows the last interval; a run that exhausts its step budget counts as no
   * overflow.
   */
  public static int overflowLength(
      Pattern pattern, MatchMode mode, Candidate attack, int stackSize, int upTo) {
    int fixed = attack.prefix().length() + attack.suffix().length();
    int max = Math.max(1, (upTo - fixed) / attack.pump().length());
    int low = 0; // assumed not to overflow
    int high = Math.min(64, max);
    while (true) {
      Boolean overflow = overflows(pattern, mode, attack.build(high), stackSize);
      if (overflow == null) {
        return -1; // the work ran out of budget first: a time problem, reported by the replay
      }
      if (overflow) {
        break;
      }
      if (high >= max) {
        return -1;
      }
      low = high;
      high = Math.min(max, high * 2);
    }
    while (high - low > Math.max(1, high / 100)) {
      int mid = (low + high) >>> 1;
      if (Boolean.TRUE.equals(overflows(pattern, mode, attack.build(mid), stackSize))) {
        high = mid;
      } else {
        low = mid;
      }
    }
    return attack.build(high).length();
  }

  /** True on overflow, false when the match ends, null when the step budget ran out. */
  static @Nullable Boolean overflows(Pattern pattern, MatchMode mode, String input, int stackSize) {
    AtomicReference<Replay.Run> result = new AtomicReference<>();
    Thread thread =
        new Thread(
            null,
            () -> result.set(Replay.run(pattern, mode, input, BUDGET)),
            "armet-regex-stack-probe",
            stackSize);
    thread.setDaemon(true);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    Replay.Run run = result.get();
    if (run == null || run.budgetExceeded()) {
      return null;
    }
    return run.stackOverflow();
  }
}
