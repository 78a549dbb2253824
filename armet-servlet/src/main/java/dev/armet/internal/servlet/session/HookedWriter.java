package dev.armet.internal.servlet.session;

import java.io.IOException;
import java.io.Writer;

/** A writer that commits the session before the first character, flush or close. */
final class HookedWriter extends Writer {
  private final Writer out;
  private final SessionExchange exchange;

  HookedWriter(Writer out, SessionExchange exchange) {
    this.out = out;
    this.exchange = exchange;
  }

  @Override
  public void write(char[] cbuf, int off, int len) throws IOException {
    exchange.commit();
    out.write(cbuf, off, len);
  }

  @Override
  public void write(String str, int off, int len) throws IOException {
    exchange.commit();
    out.write(str, off, len);
  }

  @Override
  public void flush() throws IOException {
    exchange.commit();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    exchange.commit();
    out.close();
  }
}
