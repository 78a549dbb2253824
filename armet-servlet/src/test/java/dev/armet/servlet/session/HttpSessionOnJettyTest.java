package dev.armet.servlet.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import dev.armet.servlet.TestServer;
import dev.armet.session.CookieSessions;
import dev.armet.session.MemorySessionStore;
import dev.armet.session.ServerSessions;
import dev.armet.session.Sessions;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpSessionOnJettyTest {
  static final Keyring RING =
      Keyring.create(k -> k.environment(ArmetEnvironment.PRODUCTION).secret(Secrets.generate()));

  TestServer server;

  TestServer start(Sessions sessions, boolean secure) throws Exception {
    server =
        TestServer.withContainerSessions(new SessionFilter(sessions), secure)
            .servlet("/count", new PlainServlets.Counter())
            .servlet("/peek", new PlainServlets.Peek())
            .servlet("/peek-all", new PlainServlets.PeekAll())
            .servlet("/login", new PlainServlets.Login())
            .servlet("/logout", new PlainServlets.Logout())
            .servlet("/bad", new PlainServlets.Bad())
            .servlet("/big", new PlainServlets.Big())
            .servlet("/late", new PlainServlets.Late())
            .servlet("/late-armet", new LateArmetServlet())
            .servlet("/reset", new PlainServlets.Reset())
            .servlet("/boom", new PlainServlets.Boom())
            .servlet("/error", new PlainServlets.ErrorPage())
            .errorPage("/error")
            .start();
    return server;
  }

  TestServer start() throws Exception {
    return start(
        ServerSessions.create(
            s ->
                s.environment(ArmetEnvironment.DEVELOPMENT)
                    .keyring(RING)
                    .store(new MemorySessionStore())
                    .events(e -> {})),
        false);
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  static Optional<String> setCookie(HttpResponse<?> r) {
    List<String> all = r.headers().allValues("Set-Cookie");
    assertThat(all).allSatisfy(v -> assertThat(v).doesNotStartWith("JSESSIONID"));
    assertThat(all).hasSizeLessThanOrEqualTo(1);
    return all.stream().findFirst();
  }

  static String pair(HttpResponse<?> r) {
    String v = setCookie(r).orElseThrow();
    return v.substring(0, v.indexOf(';'));
  }

  @Test
  void counter_plainHttpSessionCode_worksUnchanged() throws Exception {
    start();
    HttpResponse<String> first = server.get("/count", null);
    assertThat(first.body()).isEqualTo("1");
    String cookie = pair(first);
    assertThat(cookie).startsWith("id=");
    HttpResponse<String> second = server.get("/count", cookie);
    assertThat(second.body()).isEqualTo("2");
    assertThat(setCookie(second)).as("unchanged id: no new cookie").isEmpty();
    assertThat(server.get("/peek", cookie).body()).isEqualTo("2");
  }

  @Test
  void peek_withoutSession_createsNothing() throws Exception {
    start();
    HttpResponse<String> r = server.get("/peek", null);
    assertThat(r.body()).isEqualTo("none");
    assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
  }

  @Test
  void tamperedCookie_isAFreshAnonymousSessionNotAnError() throws Exception {
    start();
    String cookie = pair(server.get("/count", null));
    String tampered = cookie.substring(0, cookie.length() - 2) + "xx";
    HttpResponse<String> r = server.get("/count", tampered);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("1");
    assertThat(pair(r)).isNotEqualTo(cookie);
  }

  @Test
  void login_changeSessionId_oldCookieStopsWorking() throws Exception {
    start();
    String before = pair(server.get("/count", null));
    HttpResponse<String> login = server.get("/login?user=alice", before);
    assertThat(login.statusCode()).isEqualTo(302);
    String after = pair(login);
    assertThat(after).isNotEqualTo(before);
    assertThat(server.get("/peek", after).body()).isEqualTo("1");
    assertThat(server.get("/peek", before).body()).isEqualTo("none");
  }

  @Test
  void logout_invalidate_clearsCookieAndEntry() throws Exception {
    start();
    String cookie = pair(server.get("/count", null));
    HttpResponse<String> out = server.get("/logout", cookie);
    assertThat(setCookie(out).orElseThrow()).startsWith("id=; Max-Age=0");
    assertThat(server.get("/peek", cookie).body()).isEqualTo("none");
  }

  @Test
  void logout_thenNewSessionInSameRequest_getsFreshId() throws Exception {
    start();
    String cookie = pair(server.get("/count", null));
    String fresh = pair(server.get("/logout?flash=1", cookie));
    assertThat(fresh).isNotEqualTo(cookie).startsWith("id=");
    assertThat(server.get("/peek", fresh).body()).isEqualTo("null");
  }

  @Test
  void setAttribute_nonJsonValue_clearError() throws Exception {
    start();
    assertThat(server.get("/bad", null).body())
        .contains("session attribute 'thing':" + " java.lang.StringBuilder is not JSON-shaped");
  }

  @Test
  void largeBody_cookieStillPrecedesIt() throws Exception {
    start();
    HttpResponse<String> r = server.get("/big", null);
    assertThat(r.body()).hasSize(100_000);
    assertThat(pair(r)).startsWith("id=");
  }

  @Test
  void resetAfterSessionCommit_keepsTheCookie() throws Exception {
    start();
    HttpResponse<String> r = server.get("/reset", null);
    assertThat(r.body()).isEqualTo("final");
    assertThat(server.get("/peek", pair(r)).body()).isEqualTo("7");
  }

  @Test
  void errorDispatch_errorPageSeesArmetSessionNeverTheContainers() throws Exception {
    start();
    HttpResponse<String> r = server.get("/boom", null);
    assertThat(r.statusCode()).isEqualTo(500);
    String cookie = pair(r);
    assertThat(server.get("/peek", cookie).body()).isEqualTo("41");
    HttpResponse<String> again = server.get("/boom", cookie);
    assertThat(again.body()).isEqualTo("error; session 41");
    assertThat(setCookie(again)).isEmpty();
  }

  @Test
  void changeAfterCommit_isRefusedNotLost() throws Exception {
    start();
    assertThat(server.get("/late", null).body())
        .startsWith("body refused: the session was" + " already committed");
  }

  /** Issue 10, item 2: the Armet Session refuses a late change as HttpSession does. */
  @Test
  void lateChange_throughArmetSession_refusedWithClearMessage() throws Exception {
    start();
    HttpResponse<String> r = server.get("/late-armet", null);
    assertThat(r.body())
        .startsWith(
            "body refused: the session was already committed with the"
                + " response, so this change would be lost")
        .doesNotContain("accepted");
    assertThat(r.body().split(" refused: ")).hasSize(5);
    String cookie = pair(r);
    assertThat(server.get("/peek-all", cookie).body()).isEqualTo("[early]");
  }

  @Test
  void overHttps_hostPrefixedSecureCookie() throws Exception {
    start(
        ServerSessions.create(
            s -> s.environment(ArmetEnvironment.DEVELOPMENT).keyring(RING).events(e -> {})),
        true);
    String header = setCookie(server.get("/count", null)).orElseThrow();
    assertThat(header).startsWith("__Host-id=").contains("; Secure; HttpOnly; SameSite=Lax");
  }

  @Test
  void cookieSessions_sameServletCodeWorks() throws Exception {
    start(
        CookieSessions.create(
            c ->
                c.environment(ArmetEnvironment.DEVELOPMENT)
                    .keyring(RING)
                    .sealed(true)
                    .events(e -> {})),
        false);
    String cookie = pair(server.get("/count", null));
    assertThat(cookie).startsWith("session=");
    HttpResponse<String> second = server.get("/count", cookie);
    assertThat(second.body()).isEqualTo("2");
    assertThat(server.get("/peek", pair(second)).body()).isEqualTo("2");
  }

  /**
   * Parallel requests of one session: each reads its own copy and commits attribute by attribute
   * onto the freshest stored copy, so no request fails and the session survives; increments of the
   * same attribute may overwrite each other (last write wins).
   */
  @Test
  void concurrentRequests_oneSession_allSucceedAndSessionSurvives() throws Exception {
    start();
    String cookie = pair(server.get("/count", null));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<HttpResponse<String>>> responses = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        responses.add(pool.submit(() -> server.get("/count", cookie)));
      }
      for (Future<HttpResponse<String>> f : responses) {
        HttpResponse<String> r = f.get();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Integer.parseInt(r.body())).isBetween(2, 41);
        assertThat(setCookie(r)).isEmpty();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(Integer.parseInt(server.get("/peek", cookie).body())).isBetween(2, 41);
  }
}
