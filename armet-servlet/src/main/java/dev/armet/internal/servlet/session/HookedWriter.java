package dev.armet.internal.servlet.session;

import java.io.IOException;
import java.io.Writer;

/** A writer that runs a hook before the first character, flush or close. */
final class HookedWriter extends Writer {
  private final Writer out;
  private final Runnable hook;

  HookedWriter(Writer out, Runnable hook) {
    this.out = out;
    this.hook = hook;
  }

  @Override
  public void write(char[] cbuf, int off, int len) throws IOException {
    hook.run();
    out.write(cbuf, off, len);
  }

  @Override
  public void write(String str, int off, int len) throws IOException {
    hook.run();
    out.write(str, off, len);
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
}
