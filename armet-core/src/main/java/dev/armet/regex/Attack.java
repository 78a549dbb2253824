package dev.armet.regex;

import java.util.Objects;

/**
 * An attack string: {@code prefix + pump * n + suffix}. Growing {@code n} grows the engine's work
 * as the verdict says.
 */
public record Attack(String prefix, String pump, String suffix) {
  public Attack {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(pump, "pump");
    Objects.requireNonNull(suffix, "suffix");
  }

  /** The input for {@code repetitions} copies of the pump. */
  public String build(int repetitions) {
    return prefix + pump.repeat(repetitions) + suffix;
  }
}
