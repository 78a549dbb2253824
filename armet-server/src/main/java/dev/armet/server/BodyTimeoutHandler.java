package dev.armet.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Bounds the time a client has to send a whole request body ({@code limits.body-timeout}): the
 * slow-POST attack sends a body one byte at a time, each byte just before the idle timeout, and
 * holds a request (and the thread reading it) open for as long as it likes.
 *
 * <p>When the deadline passes before the last byte, the next read of the body fails with a 408
 * ({@code Request Timeout}), so the error page answers 408, and the connection, whose body was
 * never consumed, is closed after that answer. A body read in time, and any request without one, is
 * unaffected; the deadline never covers the application's own work after the body.
 */
final class BodyTimeoutHandler extends Handler.Wrapper {
  private final long timeoutNanos;

  BodyTimeoutHandler(Handler next, Duration timeout) {
    super(next);
    this.timeoutNanos = timeout.toNanos();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (request.getLength() == 0) {
      return super.handle(request, response, callback);
    }
    DeadlineRequest bounded = new DeadlineRequest(request, response);
    Scheduler.Task deadline =
        request
            .getComponents()
            .getScheduler()
            .schedule(bounded::expire, timeoutNanos, TimeUnit.NANOSECONDS);
    Callback cancelling =
        new Callback() {
          @Override
          public void succeeded() {
            deadline.cancel();
            callback.succeeded();
          }

          @Override
          public void failed(Throwable failure) {
            deadline.cancel();
            callback.failed(failure);
          }

          @Override
          public InvocationType getInvocationType() {
            return callback.getInvocationType();
          }
        };
    boolean handled = false;
    try {
      handled = super.handle(bounded, response, cancelling);
      return handled;
    } finally {
      if (!handled) {
        deadline.cancel();
      }
    }
  }

  /** The request whose body reads fail with 408 once the deadline has passed. */
  private static final class DeadlineRequest extends Request.Wrapper {
    private final Response response;
    private final AtomicReference<Runnable> pendingDemand = new AtomicReference<>();
    private volatile boolean expired;
    private volatile boolean complete;

    DeadlineRequest(Request request, Response response) {
      super(request);
      this.response = response;
    }

    @Override
    public Content.Chunk read() {
      if (expired && !complete) {
        if (!response.isCommitted()) {
          response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        return Content.Chunk.from(
            new HttpException.RuntimeException(
                HttpStatus.REQUEST_TIMEOUT_408,
                "the request body was not received within limits.body-timeout"));
      }
      Content.Chunk chunk = super.read();
      if (chunk != null && chunk.isLast()) {
        complete = true;
      }
      return chunk;
    }

    @Override
    public void demand(Runnable onContent) {
      if (expired && !complete) {
        getContext().execute(onContent);
        return;
      }
      pendingDemand.set(onContent);
      super.demand(
          () -> {
            Runnable waiting = pendingDemand.getAndSet(null);
            if (waiting != null) {
              waiting.run();
            }
          });
    }

    /** On the scheduler: wakes a reader waiting for bytes, so that it reads the 408. */
    void expire() {
      if (complete) {
        return;
      }
      expired = true;
      Runnable waiting = pendingDemand.getAndSet(null);
      if (waiting != null) {
        getContext().execute(waiting);
      }
    }
  }
}
