package dev.armet.internal.servlet;

/** Whether an optional dependency's class can be loaded from Armet's own class loader. */
final class OptionalClasses {
  private OptionalClasses() {}

  /** True when {@code className} loads (without initialising it) from this module's loader. */
  static boolean loadable(String className) {
    try {
      Class.forName(className, false, OptionalClasses.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }
}
