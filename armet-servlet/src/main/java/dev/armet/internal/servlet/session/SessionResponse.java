package dev.armet.internal.servlet.session;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;

/**
 * Runs the session commit just before anything can commit the response: the first body write, a
 * flush, a redirect or an error. Obtaining the writer or stream is not enough, so code that takes
 * the writer first and changes the session afterwards still works.
 *
 * <p>A subclass adds what else must happen on {@code reset()} and before {@code sendError} ({@link
 * #afterReset}, {@link #beforeError}), so that one wrapper per response does both (issue 18); with
 * no exchange (sessions off) it only runs those.
 */
public class SessionResponse extends HttpServletResponseWrapper {
  private final @Nullable SessionExchange exchange;

  /**
   * The hooked body, made on first use: the stream or the writer, or, on a container that hands out
   * both, both (an array: stream, writer). One field (issue 18): a response uses one of them.
   */
  private @Nullable Object body;

  /**
   * @param exchange the session to commit before the response commits, or null for none
   */
  protected SessionResponse(HttpServletResponse response, @Nullable SessionExchange exchange) {
    super(response);
    this.exchange = exchange;
  }

  /** After {@code reset()} cleared the headers and the session cookie was put back. */
  protected void afterReset() {}

  /** Before {@code sendError} (and before the session commits for it). */
  protected void beforeError() {}

  private void commitSession() {
    if (exchange != null) {
      exchange.commit();
    }
  }

  /** The body is buffered, so a reset after the session committed must not lose its cookie. */
  @Override
  public void reset() {
    super.reset();
    if (exchange != null) {
      exchange.reapply();
    }
    afterReset();
  }

  @Override
  public synchronized ServletOutputStream getOutputStream() throws IOException {
    if (exchange == null) {
      return super.getOutputStream();
    }
    Object made = body;
    if (made instanceof ServletOutputStream) {
      return (ServletOutputStream) made;
    }
    if (made instanceof Object[]) {
      return (ServletOutputStream) ((Object[]) made)[0];
    }
    ServletOutputStream stream = new HookedOutputStream(super.getOutputStream(), exchange);
    body = made == null ? stream : new Object[] {stream, made};
    return stream;
  }

  @Override
  public synchronized PrintWriter getWriter() throws IOException {
    if (exchange == null) {
      return super.getWriter();
    }
    Object made = body;
    if (made instanceof PrintWriter) {
      return (PrintWriter) made;
    }
    if (made instanceof Object[]) {
      return (PrintWriter) ((Object[]) made)[1];
    }
    PrintWriter writer = new PrintWriter(new HookedWriter(super.getWriter(), exchange));
    body = made == null ? writer : new Object[] {made, writer};
    return writer;
  }

  @Override
  public void flushBuffer() throws IOException {
    commitSession();
    super.flushBuffer();
  }

  @Override
  public void sendRedirect(String location) throws IOException {
    commitSession();
    super.sendRedirect(location);
  }

  // Servlet 6.1's overloads: its wrapper sends each straight to the container, so without these
  // a redirect made with them would commit the response before the session cookie is set. On a
  // Servlet 6.0 container nothing can call them.

  @Override
  public void sendRedirect(String location, int sc) throws IOException {
    commitSession();
    super.sendRedirect(location, sc);
  }

  @Override
  public void sendRedirect(String location, boolean clearBuffer) throws IOException {
    commitSession();
    super.sendRedirect(location, clearBuffer);
  }

  @Override
  public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
    commitSession();
    super.sendRedirect(location, sc, clearBuffer);
  }

  @Override
  public void sendError(int sc) throws IOException {
    beforeError();
    commitSession();
    super.sendError(sc);
  }

  @Override
  public void sendError(int sc, String msg) throws IOException {
    beforeError();
    commitSession();
    super.sendError(sc, msg);
  }
}
