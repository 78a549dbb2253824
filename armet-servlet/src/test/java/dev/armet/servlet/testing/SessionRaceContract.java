package dev.armet.servlet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.spi.SessionStore;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 1 over HTTP: a signed-in browser sends {@code POST /notes} (which writes the
 * session) and {@code POST /logout} at the same moment, {@value #TRIALS} times; after both, the old
 * cookie must be anonymous every time. A store module extends this class (from armet-servlet's
 * test-jar) and says how to open its store; the deterministic interleaving of the same race is in
 * core's {@code SessionStoreContract}.
 */
public abstract class SessionRaceContract {
  public static final int TRIALS = 200;

  /** A store on fresh keys or tables. */
  protected abstract SessionStore openStore() throws Exception;

  /** Releases what {@link #openStore()} opened. */
  protected abstract void closeStore() throws Exception;

  @Test
  void writeAndLogoutAtOnce_200Trials_oldCookieAlwaysAnonymous() throws Exception {
    SessionStore store = openStore();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (RaceApp app = new RaceApp(store)) {
      int resurrected = 0;
      for (int i = 0; i < TRIALS; i++) {
        String cookie = app.signIn();
        CountDownLatch go = new CountDownLatch(1);
        Future<Integer> notes =
            pool.submit(
                () -> {
                  go.await();
                  return app.send("POST", "/notes", cookie).statusCode();
                });
        Future<Integer> logout =
            pool.submit(
                () -> {
                  go.await();
                  return app.send("POST", "/logout", cookie).statusCode();
                });
        go.countDown();
        assertThat(notes.get(10, TimeUnit.SECONDS)).isEqualTo(303);
        assertThat(logout.get(10, TimeUnit.SECONDS)).isEqualTo(303);
        if (app.send("GET", "/me", cookie).statusCode() != 401) {
          resurrected++;
        }
      }
      assertThat(resurrected).as("sessions signed in again after their logout").isZero();
    } finally {
      pool.shutdownNow();
      closeStore();
    }
  }
}
