package dev.armet.internal.servlet.session;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;

/** A servlet stream that commits the session before the first byte, flush or close. */
final class HookedOutputStream extends ServletOutputStream {
  private final ServletOutputStream out;
  private final SessionExchange exchange;

  HookedOutputStream(ServletOutputStream out, SessionExchange exchange) {
    this.out = out;
    this.exchange = exchange;
  }

  @Override
  public void write(int b) throws IOException {
    exchange.commit();
    out.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    exchange.commit();
    out.write(b, off, len);
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

  @Override
  public boolean isReady() {
    return out.isReady();
  }

  @Override
  public void setWriteListener(WriteListener listener) {
    out.setWriteListener(listener);
  }
}
