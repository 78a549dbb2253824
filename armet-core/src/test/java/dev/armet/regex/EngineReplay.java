package dev.armet.regex;

import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The test's own replay on java.util.regex, independent of the analyzer's internals. */
final class EngineReplay {
  private EngineReplay() {}

  /** The characters the engine reads matching {@code input} in {@code mode}. */
  static long steps(String pattern, int flags, MatchMode mode, String input) {
    long[] count = new long[1];
    CharSequence counting =
        new CharSequence() {
          @Override
          public char charAt(int index) {
            count[0]++;
            return input.charAt(index);
          }

          @Override
          public int length() {
            return input.length();
          }

          @Override
          public CharSequence subSequence(int start, int end) {
            return input.subSequence(start, end);
          }

          @Override
          public String toString() {
            return input;
          }
        };
    Matcher m = Pattern.compile(pattern, flags).matcher(counting);
    switch (mode) {
      case MATCHES -> m.matches();
      case FIND -> m.find();
      case LOOKING_AT -> m.lookingAt();
    }
    return count[0];
  }

  /** Whether matching {@code input} overflows a thread with {@code stackSize} bytes of stack. */
  static boolean overflows(String pattern, MatchMode mode, String input, long stackSize)
      throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                steps(pattern, 0, mode, input);
              } catch (Throwable e) {
                thrown.set(e);
              }
            },
            "overflow-check",
            stackSize);
    t.start();
    t.join(60_000);
    return thrown.get() instanceof StackOverflowError;
  }
}
