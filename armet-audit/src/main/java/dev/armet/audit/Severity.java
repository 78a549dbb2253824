package dev.armet.audit;

import java.util.Locale;

/** How much a finding matters; the JSON names are the lower-case constant names. */
public enum Severity {
  CRITICAL(40),
  HIGH(20),
  MEDIUM(10),
  LOW(3),
  INFO(0);

  private final int penalty;

  Severity(int penalty) {
    this.penalty = penalty;
  }

  /** Points this severity takes off Armet's own score. */
  public int penalty() {
    return penalty;
  }

  /** The JSON name: {@code critical}, {@code high}, {@code medium}, {@code low} or {@code info}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
