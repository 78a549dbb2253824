package dev.armet.server;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Reads, and throws away, what is left of a small request body the application answered without
 * reading, before the exchange counts as complete. Refusals are answered that way: a CSRF 403, a
 * 429, a redirect to HTTPS, a TRACE 405. A client slower than the refusal sends the body after the
 * answer.
 *
 * <p>Without this, Jetty ends such an HTTP/2 stream with {@code RST_STREAM(CANCEL)}. The JDK's
 * {@code HttpClient} then fails the whole exchange ("RST_STREAM received"), though it holds a
 * complete answer. Over HTTP/1.1, Jetty closes the connection. With it, the stream ends normally
 * and the connection stays open for the next request.
 *
 * <p>Only a body of declared length ({@code Content-Length}) up to {@link #MAX_BYTES} is read; a
 * larger one, or one of unknown length, is left to Jetty to end as before (reset or close), and a
 * request without a body costs nothing here. Jetty holds the client to the declared length. The
 * time is bounded by {@code limits.body-timeout} ({@link BodyTimeoutHandler}, outside this one) and
 * the idle timeout. The read waits for bytes without holding a thread.
 */
final class UnreadBodyHandler extends Handler.Wrapper {
  /** The largest declared body read after the answer: 64 KiB, about HTTP/2's initial window. */
  static final long MAX_BYTES = 64 * 1024;

  UnreadBodyHandler(Handler next) {
    super(next);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    long length = request.getLength();
    if (length <= 0 || length > MAX_BYTES) {
      return super.handle(request, response, callback);
    }
    return super.handle(request, response, new DrainThenComplete(request, callback));
  }

  /** On the application's success, reads the rest of the body, then reports the success. */
  private static final class DrainThenComplete implements Callback, Runnable {
    private final Request request;
    private final Callback callback;

    DrainThenComplete(Request request, Callback callback) {
      this.request = request;
      this.callback = callback;
    }

    @Override
    public void succeeded() {
      run();
    }

    @Override
    public void failed(Throwable failure) {
      callback.failed(failure);
    }

    /** Reads what is there; waits for more without a thread; succeeds at the end of the body. */
    @Override
    public void run() {
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        boolean end = chunk.isLast() || Content.Chunk.isFailure(chunk);
        chunk.release();
        if (end) {
          // A failed body (timed out, reset) is Jetty's to end, as without this handler.
          callback.succeeded();
          return;
        }
      }
    }

    @Override
    public InvocationType getInvocationType() {
      return callback.getInvocationType();
    }
  }
}
