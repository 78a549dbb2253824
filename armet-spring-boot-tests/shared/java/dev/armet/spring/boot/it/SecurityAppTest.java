package dev.armet.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.spring.boot.security.SecurityChainAdvice;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/** The Spring Security form-login sample over real HTTP: Armet first, then Spring Security. */
@SpringBootTest(classes = SecurityApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "armet.login.failures=3")
class SecurityAppTest {
  @Autowired Environment environment;
  @Autowired MeterRegistry meters;
  @Autowired SecurityChainAdvice advice;
  Http http;

  @BeforeEach
  void client() {
    http = new Http(environment.getRequiredProperty("local.server.port", Integer.class));
  }

  @Test
  void formLogin_onArmetSession_rotatesIt_andRemembersTheUser() throws Exception {
    HttpResponse<String> protectedPage = http.get("/private");
    assertThat(protectedPage.statusCode()).as(protectedPage.body()).isEqualTo(302);
    assertThat(protectedPage.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    String before = http.cookies.get("__Host-id");
    assertThat(before).as("the saved request lives in an Armet session").isNotNull();

    double successes = count("armet.login.attempts", "outcome", "success");
    double rotated = count("armet.sessions", "event", "rotated");
    String token = Http.csrfToken(http.get("/login").body());
    HttpResponse<String> login = http.postSameOrigin("/login",
        Map.of("username", "alice", "password", SecurityApp.PASSWORD, "_csrf", token));
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/private");
    assertThat(http.cookies.get("__Host-id")).as("changeSessionId() rotated the Armet session")
        .isNotNull().isNotEqualTo(before);
    assertThat(count("armet.login.attempts", "outcome", "success")).isEqualTo(successes + 1);
    assertThat(count("armet.sessions", "event", "rotated")).isEqualTo(rotated + 1);
    // Session fixation: the id from before the login is dead, it does not carry the login.
    HttpResponse<String> old = http.getWithCookie("/private", "__Host-id=" + before);
    assertThat(old.statusCode()).isEqualTo(302);
    assertThat(old.headers().firstValue("Location").orElseThrow()).endsWith("/login");

    HttpResponse<String> page = http.get("/private");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).isEqualTo("private page of alice");
    assertThat(page.headers().allValues("X-Frame-Options")).containsExactly("SAMEORIGIN");
    assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
  }

  @Test
  void loginPost_withoutToken_refusedByArmetBeforeSpringSecurity() throws Exception {
    HttpResponse<String> r = http.post("/login", Map.of("username", "alice",
        "password", SecurityApp.PASSWORD), "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(http.cookies).doesNotContainKey("__Host-id");
  }

  @Test
  void lockout_afterConfiguredFailures_evenTheRightPasswordWaits_andIsCounted() throws Exception {
    double lockedBefore = count("armet.requests.rejected", "control", "login");
    double failedBefore = count("armet.login.attempts", "outcome", "failure");
    String token = Http.csrfToken(http.get("/login").body());
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> wrong = http.postSameOrigin("/login",
          Map.of("username", "carol", "password", "guess-" + i, "_csrf", token));
      assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(302);
      assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
    }
    // Exactly 3: the throttle records each failure once (it was counted twice before).
    assertThat(count("armet.login.attempts", "outcome", "failure")).isEqualTo(failedBefore + 3);
    HttpResponse<String> locked = http.postSameOrigin("/login",
        Map.of("username", "carol", "password", SecurityApp.PASSWORD, "_csrf", token));
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isPositive();
    assertThat(count("armet.requests.rejected", "control", "login")).isEqualTo(lockedBefore + 1);
    assertThat(count("armet.login.attempts", "outcome", "locked")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void lockout_holdsForAPercentEncodedSpellingOfTheLoginPath() throws Exception {
    String token = Http.csrfToken(http.get("/login").body());
    for (int i = 0; i < 3; i++) {
      http.postSameOrigin("/login", Map.of("username", "dora", "password", "guess-" + i, "_csrf", token));
    }
    // Spring Security matches the decoded path: "/%6cogin" is its login URL too.
    HttpResponse<String> encoded = http.postSameOrigin("/%6cogin",
        Map.of("username", "dora", "password", SecurityApp.PASSWORD, "_csrf", token));
    assertThat(encoded.statusCode()).as(encoded.headers().map().toString()).isEqualTo(429);
  }

  @Test
  void startupAdvice_isEmpty_whenTheChainYieldsHeadersAndCsrf() {
    assertThat(advice.advice()).isEmpty();
  }

  private double count(String name, String tag, String value) {
    return meters.find(name).tag(tag, value).counters().stream().mapToDouble(Counter::count).sum();
  }
}
