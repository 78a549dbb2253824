package dev.armet.event;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Receives security events. The default, {@link #logging()}, writes one line per event to the
 * {@value #LOGGER} logger ({@link System.Logger}, so it follows whatever logging backend the
 * application routes the platform logger to) at the event's level. {@code docs/EVENTS.md} lists
 * every event Armet records, the common fields and both forms.
 *
 * <pre>{@code
 * ArmetFilter.create(a -> a.events(SecurityEventSink.logging(SecurityEventFormat.JSON)));
 * }</pre>
 */
@FunctionalInterface
public interface SecurityEventSink {
  /** The logger every logging sink writes to. */
  String LOGGER = "armet.security";

  /** Records one event; called from request threads, so it must be thread-safe and not throw. */
  void record(SecurityEvent event);

  /**
   * Logs each event in the {@link SecurityEventFormat#TEXT text form} on {@value #LOGGER}, at its
   * level.
   */
  static SecurityEventSink logging() {
    return logging(SecurityEventFormat.TEXT);
  }

  /** Logs each event in {@code format} on {@value #LOGGER}, at its level. */
  static SecurityEventSink logging(SecurityEventFormat format) {
    Objects.requireNonNull(format, "format");
    System.Logger log = System.getLogger(LOGGER);
    return event -> {
      if (log.isLoggable(event.level())) {
        log.log(event.level(), format.format(event));
      }
    };
  }

  /**
   * Hands each event, as one line in {@code format} (no line terminator), to {@code lines}: a file,
   * standard output, a test's list. {@code lines} must be thread-safe.
   */
  static SecurityEventSink lines(SecurityEventFormat format, Consumer<String> lines) {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(lines, "lines");
    return event -> lines.accept(format.format(event));
  }
}
