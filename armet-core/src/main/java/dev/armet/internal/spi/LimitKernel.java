package dev.armet.internal.spi;

import dev.armet.spi.LimitRule;
import dev.armet.spi.LimitStatus;
import dev.armet.spi.RateLimitCommand.Operation;
import org.jspecify.annotations.Nullable;

/**
 * The rate-limit arithmetic of {@code dev.armet.spi} ({@code LimitArithmetic}, the code {@link
 * dev.armet.spi.RateLimitCommand#apply} runs) on plain numbers, for the in-memory store's one-key
 * path, which keeps each key's state in place and builds no command, state or result (issue 18).
 * The same code as the command's, not a copy: {@code dev.armet.spi} installs the one instance.
 */
public abstract class LimitKernel {
  private static volatile @Nullable LimitKernel installed;

  protected LimitKernel() {}

  /** Called once, by {@code dev.armet.spi.LimitRule}'s class initialisation. */
  public static void install(LimitKernel kernel) {
    if (installed == null) {
      installed = kernel;
    }
  }

  /** The arithmetic of {@code dev.armet.spi}. */
  public static LimitKernel get() {
    if (installed == null) { // no lock held here: class initialisation takes its own
      try { // LimitRule installs it when its class is initialised
        Class.forName(LimitRule.class.getName(), true, LimitRule.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    LimitKernel kernel = installed;
    if (kernel == null) {
      throw new IllegalStateException("dev.armet.spi did not install its arithmetic");
    }
    return kernel;
  }

  /**
   * What {@code RateLimitCommand.apply} computes for one key: the state ({@code present} false for
   * an absent key) and the operation in, the status and the state to keep in {@code out}.
   */
  public abstract void apply(
      LimitRule rule,
      boolean present,
      long a,
      long b,
      long blockedUntil,
      Operation op,
      long points,
      long blockMicros,
      long now,
      Out out);

  /** After this instant (µs) the state in {@code out} equals absence. */
  public abstract long expiresAt(LimitRule rule, Out out);

  /** The status {@code RateLimitCommand.apply} reports for these numbers. */
  public abstract LimitStatus status(
      LimitRule rule,
      boolean allowed,
      long remaining,
      long consumed,
      long resetMicros,
      long retryMicros);

  /** One key's answer; reused by its owner (under the owner's lock), never shared. */
  public static final class Out {
    /** The status's numbers. */
    public boolean allowed;

    public long remaining;
    public long consumed;
    public long resetMicros;
    public long retryMicros;

    /** The state to keep: absent when {@code present} is false. */
    public boolean present;

    public long a;
    public long b;
    public long blockedUntil;
  }
}
