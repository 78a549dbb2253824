package dev.armet.regex.internal;

/** An attack shape to try: {@code prefix + pump * n + suffix}. */
public record Candidate(String prefix, String pump, String suffix) {
  public String build(int repetitions) {
    StringBuilder out =
        new StringBuilder(prefix.length() + pump.length() * repetitions + suffix.length());
    out.append(prefix);
    for (int i = 0; i < repetitions; i++) {
      out.append(pump);
    }
    return out.append(suffix).toString();
  }
}
