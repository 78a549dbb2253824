package dev.armet.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.event.SecurityEvent;
import dev.armet.login.CredentialVerifier;
import dev.armet.login.LoginCheck;
import dev.armet.login.LoginThrottle;
import dev.armet.login.PasswordHasher;
import dev.armet.net.ClientAddressResolver;
import dev.armet.testing.MutableClock;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.spec.KeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A minimal login endpoint wired the way the demo's /login will be: resolve the client, check the
 * throttle before any hashing, verify with equal work, record the outcome.
 */
class LoginThrottleHttpTest {
  /** PBKDF2 stands in for the demo's Argon2id: slow enough that skipped work would show. */
  static final class Pbkdf2 implements PasswordHasher {
    final AtomicInteger verifications = new AtomicInteger();

    @Override
    public String hash(char[] password) {
      return Base64.getEncoder().encodeToString(derive(password));
    }

    @Override
    public boolean verify(String encodedHash, char[] password) {
      verifications.incrementAndGet();
      return MessageDigest.isEqual(Base64.getDecoder().decode(encodedHash), derive(password));
    }

    private static byte[] derive(char[] password) {
      try {
        KeySpec spec = new PBEKeySpec(password, "fixed-test-salt".getBytes(), 5_000, 256);
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
            .generateSecret(spec)
            .getEncoded();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  final MutableClock clock = new MutableClock();
  final Pbkdf2 hasher = new Pbkdf2();
  final CredentialVerifier verifier = CredentialVerifier.of(hasher);
  final Map<String, String> users =
      Map.of("demo", hasher.hash("armet-demo-password".toCharArray()));
  final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  final LoginThrottle throttle = LoginThrottle.builder().clock(clock).events(events::add).build();
  GateTestServer server;

  @BeforeEach
  void start() throws Exception {
    server =
        new GateTestServer(
                ClientAddressResolver.builder().trustedProxies("loopback").events(e -> {}).build(),
                null)
            .servlet(
                "/login",
                new HttpServlet() {
                  @Override
                  protected void doPost(HttpServletRequest req, HttpServletResponse res)
                      throws IOException {
                    String user = req.getParameter("username");
                    String ip = ClientAddressRequest.of(req).rateLimitKey();
                    LoginCheck check = throttle.check(user, ip);
                    if (!check.allowed()) {
                      res.setStatus(429);
                      res.setHeader("Retry-After", Long.toString(check.retryAfter().toSeconds()));
                      res.getWriter().write("Too many attempts. Try again later.");
                      return;
                    }
                    if (!check.delay().isZero()) { // the demo sleeps it; here the test reads it
                      res.setHeader("X-Test-Login-Delay", Long.toString(check.delay().toMillis()));
                    }
                    if (verifier.verify(
                        users.get(user), req.getParameter("password").toCharArray())) {
                      throttle.succeeded(user, ip);
                      res.setStatus(303);
                      res.setHeader("Location", "/");
                    } else {
                      throttle.failed(user, ip);
                      res.getWriter().write("Invalid username or password.");
                    }
                  }
                })
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  HttpResponse<String> login(String user, String password, String clientIp) throws Exception {
    return server.send(
        server
            .request("/login")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Forwarded-For", clientIp)
            .POST(
                HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)));
  }

  @Test
  void unknownUserAndWrongPassword_identicalAnswerAndEqualHashWork() throws Exception {
    int before = hasher.verifications.get();
    HttpResponse<String> unknown = login("nobody", "guess", "192.0.2.1");
    HttpResponse<String> wrong = login("demo", "guess", "192.0.2.1");
    assertThat(unknown.statusCode()).isEqualTo(wrong.statusCode()).isEqualTo(200);
    assertThat(unknown.body()).isEqualTo(wrong.body());
    assertThat(hasher.verifications.get() - before).isEqualTo(2);
  }

  @Test
  void tenFailures_lockWith429BeforeAnyHashing_otherAddressUnaffected() throws Exception {
    for (int i = 0; i < 10; i++) {
      assertThat(login("demo", "wrong" + i, "192.0.2.1").statusCode()).isEqualTo(200);
    }
    int before = hasher.verifications.get();
    HttpResponse<String> locked = login("demo", "armet-demo-password", "192.0.2.1");
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.headers().firstValue("Retry-After")).hasValue("60");
    assertThat(hasher.verifications.get()).as("no hash work while locked").isEqualTo(before);
    assertThat(login("demo", "armet-demo-password", "203.0.113.5").statusCode()).isEqualTo(303);
    clock.advance(Duration.ofMinutes(1));
    assertThat(login("demo", "armet-demo-password", "192.0.2.1").statusCode()).isEqualTo(303);
  }

  /**
   * Issue 10 item 6: sqlmap spread over 253 loopback addresses with the username fixed met no
   * throttle and left no event. By default the account now slows down (never locks) and says so.
   */
  @Test
  void guessSpreadOverManyAddresses_slowsTheAccount_recordsAnEvent_ownerStillSignsIn()
      throws Exception {
    HttpResponse<String> last = null;
    for (int i = 1; i <= 45; i++) {
      last = login("demo", "guess" + i, "198.51.100." + i);
      assertThat(last.statusCode()).as("never locked by username alone").isEqualTo(200);
    }
    assertThat(last.headers().firstValue("X-Test-Login-Delay")).as("slowed down").hasValue("2000");
    assertThat(events).extracting(SecurityEvent::type).contains("authn_login_slowed");
    HttpResponse<String> owner = login("demo", "armet-demo-password", "203.0.113.77");
    assertThat(owner.statusCode()).as("the owner signs in, after the delay").isEqualTo(303);
    assertThat(owner.headers().firstValue("X-Test-Login-Delay")).isPresent();
  }
}
