package dev.armet.spring.boot.actuate;

import dev.armet.spring.boot.ArmetStores;

/** One read of a key that never exists: the store answers, or says why it cannot. */
final class StoreProbe {
  private StoreProbe() {}

  /**
   * Null when the store answered, else the failure's class name (never its message: it may hold a
   * URI).
   */
  static String failure(ArmetStores stores) {
    try {
      stores.sessions().load("armet-health-probe");
      return null;
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName();
    }
  }
}
