package dev.armet.headers;

/**
 * Where a policy writes its headers: an adapter implements this over its framework's response (the
 * Servlet filter over {@code HttpServletResponse#setHeader}).
 */
@FunctionalInterface
public interface HeaderWriter {
  /** Sets (replaces) the header {@code name} to {@code value}. */
  void set(String name, String value);
}
