package dev.armet.event;

/**
 * Receives security events. The default, {@link #logging()}, writes one line per event to the
 * {@code armet.security} logger ({@link System.Logger}, so it follows whatever logging backend
 * the application routes the platform logger to).
 */
@FunctionalInterface
public interface SecurityEventSink {
  void record(SecurityEvent event);

  /** Logs each event at WARNING on the {@code armet.security} logger. */
  static SecurityEventSink logging() {
    System.Logger log = System.getLogger("armet.security");
    return event -> log.log(System.Logger.Level.WARNING, event.toString());
  }
}
