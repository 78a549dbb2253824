package dev.armet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
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
import org.junit.jupiter.api.io.TempDir;

/** Two Jetty instances on different ports sharing one PostgreSQL, each with its own pool. */
class CrossInstanceTest {
  @TempDir Path dataFolder;
  private JdbcStores storesA;
  private JdbcStores storesB;
  private AppInstance a;
  private AppInstance b;

  @BeforeEach
  void start() throws Exception {
    String prefix = Database.freshPrefix();
    Keyring keyring = Keyring.create(k -> k.secret(Secrets.generate()));
    storesA = Database.POSTGRESQL.open(prefix, Clock.systemUTC(), dataFolder);
    storesB = Database.POSTGRESQL.open(prefix, Clock.systemUTC(), dataFolder);
    a = new AppInstance(storesA.sessions(), storesA.rateLimits(), keyring);
    b = new AppInstance(storesB.sessions(), storesB.rateLimits(), keyring);
  }

  @AfterEach
  void stop() throws Exception {
    a.close();
    b.close();
    storesB.close();
    Database.dropAndClose(storesA);
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
        done.add(pool.submit((Callable<Integer>) () -> {
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
