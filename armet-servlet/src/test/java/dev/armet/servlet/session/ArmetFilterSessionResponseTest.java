package dev.armet.servlet.session;

import static dev.armet.servlet.session.HttpSessionOnJettyTest.pair;
import static dev.armet.servlet.session.HttpSessionOnJettyTest.setCookie;
import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.servlet.ArmetFilter;
import dev.armet.servlet.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: behind ArmetFilter one response wrapper does the session's commit hooks and the
 * headers' reset. The session's guarantees hold through it, and a reset puts back both the security
 * headers and the session cookie.
 */
class ArmetFilterSessionResponseTest {
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    ArmetFilter filter =
        ArmetFilter.create(a -> a.environment(ArmetEnvironment.DEVELOPMENT).noCsrf());
    server =
        TestServer.withContainerSessions(filter, false)
            .servlet("/peek", new PlainServlets.Peek())
            .servlet("/login", new PlainServlets.Login())
            .servlet("/big", new PlainServlets.Big())
            .servlet("/late", new PlainServlets.Late())
            .servlet("/reset", new PlainServlets.Reset())
            .servlet("/boom", new PlainServlets.Boom())
            .servlet("/error", new PlainServlets.ErrorPage())
            .errorPage("/error")
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void reset_putsBackTheSessionCookieAndTheSecurityHeaders() throws Exception {
    HttpResponse<String> r = server.get("/reset", null);
    assertThat(r.body()).isEqualTo("final");
    assertThat(r.headers().firstValue("x-frame-options")).contains("SAMEORIGIN");
    assertThat(server.get("/peek", pair(r)).body()).isEqualTo("7");
  }

  @Test
  void largeBody_cookieStillPrecedesIt() throws Exception {
    HttpResponse<String> r = server.get("/big", null);
    assertThat(r.body()).hasSize(100_000);
    assertThat(pair(r)).startsWith("id=");
  }

  @Test
  void redirect_carriesTheCookie() throws Exception {
    HttpResponse<String> r = server.get("/login?user=alice", null);
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(setCookie(r)).isPresent();
  }

  @Test
  void changeAfterCommit_isRefusedNotLost() throws Exception {
    assertThat(server.get("/late", null).body())
        .startsWith("body refused: the session was" + " already committed");
  }

  @Test
  void sendError_commitsTheSessionFirst_andTheErrorPageSeesIt() throws Exception {
    HttpResponse<String> r = server.get("/boom", null);
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.headers().firstValue("x-frame-options")).contains("SAMEORIGIN");
    String cookie = pair(r);
    assertThat(server.get("/peek", cookie).body()).isEqualTo("41");
    assertThat(server.get("/boom", cookie).body()).isEqualTo("error; session 41");
  }
}
