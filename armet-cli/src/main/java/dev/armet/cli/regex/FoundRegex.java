package dev.armet.cli.regex;

/**
 * A regex found by {@code armet regex --scan}: the pattern, its flags when known, and where.
 *
 * @param file the file (a source file, a class file, or a jar, with {@code !/entry} for nested
 *     entries)
 * @param owner the class (binary name) or {@code null} for a source file
 * @param method the method holding the call, or the annotated element; {@code null} when unknown
 * @param line the source line, or 0 when unknown
 * @param via how it is used: {@code Pattern.compile}, {@code String.matches}, {@code @Pattern}...
 */
public record FoundRegex(
    String pattern, int flags, String file, String owner, String method, int line, String via) {

  /** {@code file:line (owner.method, via)} for text output. */
  public String where() {
    StringBuilder out = new StringBuilder(file);
    if (line > 0) {
      out.append(':').append(line);
    }
    out.append(" (");
    if (owner != null) {
      out.append(owner);
      if (method != null) {
        out.append('.').append(method);
      }
      out.append(", ");
    }
    return out.append(via).append(')').toString();
  }
}
