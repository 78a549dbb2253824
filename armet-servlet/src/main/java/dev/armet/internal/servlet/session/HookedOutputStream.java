package dev.armet.internal.servlet.session;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;

/** A servlet stream that runs a hook before the first byte, flush or close. */
final class HookedOutputStream extends ServletOutputStream {
  private final ServletOutputStream out;
  private final Runnable hook;

  HookedOutputStream(ServletOutputStream out, Runnable hook) {
    this.out = out;
    this.hook = hook;
  }

  @Override
  public void write(int b) throws IOException {
    hook.run();
    out.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    hook.run();
    out.write(b, off, len);
  }

  @Override
  public void flush() throws IOException {
    hook.run();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    hook.run();
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
