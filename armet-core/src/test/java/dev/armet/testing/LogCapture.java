package dev.armet.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every java.util.logging record (which {@code System.Logger} also reaches by default) while open,
 * formatted as a log file would show it: for tests that prove what is never logged.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger root = Logger.getLogger("");
  private final Level previous = root.getLevel();
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
          lines.add(format.format(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogCapture() {
    handler.setLevel(Level.ALL);
    root.setLevel(Level.ALL);
    root.addHandler(handler);
  }

  /** Captures every level from every logger until closed. */
  public static LogCapture everything() {
    return new LogCapture();
  }

  /** What was logged so far, one formatted record after another. */
  public String text() {
    return String.join("", lines);
  }

  @Override
  public void close() {
    root.removeHandler(handler);
    root.setLevel(previous);
  }
}
