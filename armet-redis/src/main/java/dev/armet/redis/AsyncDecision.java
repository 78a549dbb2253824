package dev.armet.redis;

import dev.armet.spi.RateLimitCommand;
import dev.armet.spi.RateLimitStoreException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * One rate-limit script call sent without a thread waiting for it: completes when Lettuce's event
 * loop has read the reply (the decision computed there, the carried session read answered), or
 * exceptionally with a {@link RateLimitStoreException} on a failure or once the command timeout has
 * passed. Lettuce's own per-command timer is off ({@link RedisConnection}): the timer here is the
 * bound, and cancels the command when it fires, as {@code LettuceFutures.awaitOrCancel} does on the
 * synchronous path. A NOSCRIPT reply re-sends the script in full once, within the same bound.
 */
final class AsyncDecision extends CompletableFuture<RateLimitCommand.Result>
    implements BiConsumer<ScriptReply, Throwable>, Runnable {
  /** One daemon thread for every store's timeouts; a cancelled timeout leaves its queue at once. */
  private static final ScheduledThreadPoolExecutor TIMEOUTS = timeouts();

  private final RedisRateLimitStore store;
  private final RateLimitCommand command;
  private final ScriptCall call;
  private final @Nullable RedisSessionLoad load;
  private @Nullable LuaScript script;
  private @Nullable RedisClusterAsyncCommands<String, String> redis;
  private long timeoutNanos;
  private volatile @Nullable RedisFuture<ScriptReply> sent;
  private volatile @Nullable Future<?> timeout;
  private boolean resent;

  AsyncDecision(
      RedisRateLimitStore store,
      RateLimitCommand command,
      ScriptCall call,
      @Nullable RedisSessionLoad load) {
    this.store = store;
    this.command = command;
    this.call = call;
    this.load = load;
  }

  /** Sends the call by digest and starts the timeout; returns this. */
  AsyncDecision send(
      LuaScript script, RedisClusterAsyncCommands<String, String> redis, long timeoutNanos) {
    this.script = script;
    this.redis = redis;
    this.timeoutNanos = timeoutNanos;
    timeout = TIMEOUTS.schedule(this, timeoutNanos, TimeUnit.NANOSECONDS);
    dispatch(false);
    return this;
  }

  @SuppressWarnings("FutureReturnValueIgnored") // this object is the reply's consumer
  private void dispatch(boolean inFull) {
    RedisFuture<ScriptReply> reply;
    try {
      reply = call.send(script, redis, inFull);
    } catch (RedisException e) { // refused before sending (disconnected)
      fail(RedisRateLimitStore.failed(e));
      return;
    }
    sent = reply;
    reply.whenComplete(this);
  }

  /** The reply, or the command's failure, on Lettuce's event loop. */
  @Override
  public void accept(@Nullable ScriptReply reply, @Nullable Throwable failure) {
    if (isDone()) {
      return; // timed out first: the command was cancelled, its outcome is nobody's
    }
    if (failure != null) {
      Throwable cause =
          failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause()
              : failure;
      if (cause instanceof RedisNoScriptException && !resent) {
        resent = true;
        dispatch(true);
        return;
      }
      fail(RedisRateLimitStore.failed(cause));
      return;
    }
    RateLimitCommand.Result result;
    try {
      result = store.answer(command, call, reply, load);
    } catch (RuntimeException e) { // a malformed reply, or a bug: the request fails with it
      fail(e);
      return;
    }
    cancelTimeout();
    complete(result);
  }

  /** The timeout: fails the decision as the synchronous wait would, then cancels the command. */
  @Override
  public void run() {
    if (isDone()) {
      return;
    }
    completeExceptionally(
        RedisRateLimitStore.failed(
            new RedisCommandTimeoutException(
                "Command timed out after " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms")));
    RedisFuture<ScriptReply> command = sent;
    if (command != null) {
      command.cancel(true);
    }
  }

  private void fail(RuntimeException e) {
    cancelTimeout();
    completeExceptionally(e);
  }

  private void cancelTimeout() {
    Future<?> t = timeout;
    if (t != null) {
      t.cancel(false);
    }
  }

  private static ScheduledThreadPoolExecutor timeouts() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread t = new Thread(task, "armet-redis-timeouts");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
