package dev.armet.servlet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import dev.armet.spi.RateLimitStore;
import dev.armet.spi.SessionStore;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two {@link AppInstance}s on different ports sharing one store backend, as two servers behind a
 * balancer: a session, a rate limit and a login lockout must hold across both. A store module
 * extends this class (from armet-servlet's test-jar) and says how to open one instance's stores:
 *
 * <pre>{@code
 * class CrossInstanceTest extends CrossInstanceContract {
 *   private final String prefix = LocalRedis.freshPrefix();
 *   protected Stores openStores() { ... RedisStores.open(uri, s -> s.keyPrefix(prefix)) ... }
 *   protected void closeStores() { ... }
 * }
 * }</pre>
 */
public abstract class CrossInstanceContract {
  private AppInstance a;
  private AppInstance b;

  /** The stores one instance uses. */
  public record Stores(SessionStore sessions, RateLimitStore rateLimits) {}

  /**
   * Opens one instance's stores: its own connection, as a separate process would have, to the
   * backend namespace every instance of this test shares. Called twice before each test, for the
   * first instance then the second.
   */
  protected abstract Stores openStores() throws Exception;

  /** Releases what {@link #openStores()} opened; called after both instances stopped. */
  protected abstract void closeStores() throws Exception;

  @BeforeEach
  void startTwoInstances() throws Exception {
    Keyring keyring = Keyring.create(k -> k.secret(Secrets.generate()));
    Stores storesA = openStores();
    Stores storesB = openStores();
    a = new AppInstance(storesA.sessions(), storesA.rateLimits(), keyring);
    b = new AppInstance(storesB.sessions(), storesB.rateLimits(), keyring);
  }

  @AfterEach
  void stopTwoInstances() throws Exception {
    a.close();
    b.close();
    closeStores();
  }

  @Test
  void sessionCreatedOnOne_isValidOnTheOther_andLogoutOnOneEndsItOnBoth() throws Exception {
    HttpResponse<String> login = a.get("/login?user=alice&password=right", null);
    assertThat(login.statusCode()).isEqualTo(200);
    String cookie = AppInstance.cookie(login);
    assertThat(b.get("/me", cookie).body()).isEqualTo("alice");
    assertThat(b.get("/logout", cookie).statusCode()).isEqualTo(200);
    assertThat(a.get("/me", cookie).statusCode()).isEqualTo(401);
    assertThat(b.get("/me", cookie).statusCode()).isEqualTo(401);
  }

  @Test
  void twentyThreadsAcrossBothInstances_admitExactlyTheLimit() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < 20; t++) {
        AppInstance target = t % 2 == 0 ? a : b;
        done.add(
            pool.submit(
                (Callable<Integer>)
                    () -> {
                      int ok = 0;
                      for (int i = 0; i < 10; i++) {
                        int status = target.get("/limited", null).statusCode();
                        assertThat(status).isIn(200, 429);
                        ok += status == 200 ? 1 : 0;
                      }
                      return ok;
                    }));
      }
      int admitted = 0;
      for (Future<Integer> f : done) {
        admitted += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(admitted).isEqualTo(AppInstance.LIMIT);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void lockoutEarnedOnOne_holdsOnTheOther() throws Exception {
    for (int i = 0; i < AppInstance.LOCKOUT_FAILURES; i++) {
      assertThat(a.get("/login?user=bob&password=guess" + i, null).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> locked = b.get("/login?user=bob&password=right", null);
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.body()).contains("ACCOUNT_LOCKED_FOR_ADDRESS");
  }
}
