package dev.armet.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.event.SecurityEvent;
import dev.armet.server.ArmetServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accounts over real HTTPS: sign-up under the NIST SP 800-63B policy, sign-in, password change
 * (re-authentication, every other session ended), the sessions list with per-session revoke and
 * "log out everywhere" seen from two cookie jars, account deletion, and the security event of each.
 */
class AccountsTest {
  static final String PASSWORD = "correct horse battery";
  static final Pattern REVOKE_FORM =
      Pattern.compile("<tr class=\"other\">.*?name=\"session\" value=\"([^\"]+)\"", Pattern.DOTALL);
  @TempDir static Path data;
  static ArmetServer server;
  static final RecordingSink events = new RecordingSink();

  @BeforeAll
  static void start() throws Exception {
    server = DemoServers.start(data, events);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void signup_enforcesLengthAndTheBreachedList_butNoCompositionRules() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.2.1");
    browser.get("/signup");
    HttpResponse<String> short11 =
        browser.post("/signup", "username", "policy", "password", "elevenchars");
    assertThat(short11.statusCode()).isEqualTo(422);
    assertThat(short11.body())
        .contains("Use at least 12 characters (11 given)")
        .doesNotContain("elevenchars")
        .contains("value=\"policy\"");
    HttpResponse<String> common =
        browser.post("/signup", "username", "policy", "password", "Password1234");
    assertThat(common.statusCode()).isEqualTo(422);
    assertThat(common.body()).contains("list of common or breached passwords");
    HttpResponse<String> repeated =
        browser.post("/signup", "username", "policy", "password", "zzzzzzzzzzzzzz");
    assertThat(repeated.statusCode()).isEqualTo(422);
    assertThat(browser.post("/signup", "username", "", "password", PASSWORD).body())
        .contains("Choose a username.");
    assertThat(browser.post("/signup", "username", "a\tb", "password", PASSWORD).body())
        .contains("control characters");
    events.clear();
    // Lower-case letters and spaces only: no "one digit, one symbol" rule.
    HttpResponse<String> ok =
        browser.post("/signup", "username", "policy", "password", "just lowercase words");
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(events.await(e -> e.type().equals("user_created"), 10).fields())
        .containsEntry("user", "policy");
    assertThat(browser.get("/").body()).contains("Signed in as <strong>policy</strong>");

    DemoClient again = new DemoClient(server, "127.0.2.2");
    again.get("/signup");
    HttpResponse<String> taken = again.post("/signup", "username", "policy", "password", PASSWORD);
    assertThat(taken.statusCode()).isEqualTo(422);
    assertThat(taken.body()).contains("That username is taken");
  }

  @Test
  void signin_recordsSuccessAndFailureEvents_withoutThePassword() throws Exception {
    new DemoClient(server, "127.0.2.3").signUp("events-user", PASSWORD);
    DemoClient browser = new DemoClient(server, "127.0.2.4");
    browser.get("/login");
    events.clear();
    browser.post("/login", "username", "events-user", "password", "wrong password here");
    // Events are recorded before the answer is sent, so all of this attempt's are queued now.
    List<SecurityEvent> failure = events.drain();
    assertThat(failure)
        .filteredOn(e -> e.type().equals("authn_login_fail"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.fields())
                    .containsKey("account")
                    .containsEntry("address", "127.0.2.4")
                    .doesNotContainValue("wrong password here")
                    .doesNotContainValue("events-user"));
    browser.signIn("events-user", PASSWORD);
    // LoginThrottle records each outcome once; the application does not record it again.
    assertThat(events.drain())
        .filteredOn(e -> e.type().startsWith("authn_login_"))
        .extracting(SecurityEvent::type)
        .containsExactly("authn_login_success");
  }

  @Test
  void username_isOneAccountWhicheverUnicodeFormIsTyped() throws Exception {
    new DemoClient(server, "127.0.2.15").signUp("Zo\u00eb", PASSWORD); // precomposed ë
    DemoClient decomposed = new DemoClient(server, "127.0.2.16");
    decomposed.signIn("Zoe\u0308", PASSWORD); // e + combining diaeresis
    assertThat(decomposed.get("/").body()).contains("Signed in as <strong>Zo\u00eb</strong>");
  }

  @Test
  void lockedOut_recordsTheLockEvent() throws Exception {
    DemoClient browser = new DemoClient(server, "127.0.2.5");
    browser.get("/login");
    for (int i = 0; i < 10; i++) {
      browser.post("/login", "username", "lock-me", "password", "guess number " + i);
    }
    events.clear();
    assertThat(browser.post("/login", "username", "lock-me", "password", "x").statusCode())
        .isEqualTo(429);
    assertThat(events.await(e -> e.type().equals("authn_login_lock"), 10).fields())
        .containsEntry("user", "lock-me");
  }

  @Test
  void sessionsList_twoBrowsers_revokeTheOther_thenLogOutEverywhere() throws Exception {
    DemoClient laptop = new DemoClient(server, "127.0.2.6");
    laptop.signUp("two-browsers", PASSWORD);
    DemoClient phone = new DemoClient(server, "127.0.2.7");
    phone.signIn("two-browsers", PASSWORD);
    assertThat(phone.get("/notes").statusCode()).isEqualTo(200);

    String list = laptop.get("/account/sessions").body();
    assertThat(Pattern.compile("<tr class=").matcher(list).results().count())
        .as("two sessions listed")
        .isEqualTo(2);
    assertThat(list).contains("(this browser)");
    Matcher other = REVOKE_FORM.matcher(list);
    assertThat(other.find()).as("the other browser's row has a revoke form").isTrue();

    events.clear();
    HttpResponse<String> revoked =
        laptop.post("/account/sessions/revoke", "session", other.group(1));
    assertThat(revoked.statusCode()).isEqualTo(303);
    assertThat(revoked.headers().firstValue("location")).hasValue("/account/sessions?revoked=1");
    assertThat(events.await(e -> e.type().equals("session_revoked"), 10)).isNotNull();
    assertThat(phone.get("/notes").statusCode()).as("the phone is signed out").isEqualTo(303);
    String after = laptop.get("/account/sessions?revoked=1").body();
    assertThat(after).contains(SessionsServlet.REVOKED);
    assertThat(Pattern.compile("<tr class=").matcher(after).results().count()).isEqualTo(1);

    // Someone else's session key, or a made-up one, is not found.
    DemoClient stranger = new DemoClient(server, "127.0.2.8");
    stranger.signUp("stranger", PASSWORD);
    Matcher mine =
        Pattern.compile("name=\"session\" value=\"([^\"]+)\"")
            .matcher(laptop.get("/account/sessions").body());
    assertThat(mine.find()).isTrue();
    stranger.get("/account/sessions");
    assertThat(stranger.post("/account/sessions/revoke", "session", mine.group(1)).statusCode())
        .isEqualTo(404);
    assertThat(stranger.post("/account/sessions/revoke", "session", "made-up").statusCode())
        .isEqualTo(404);
    assertThat(laptop.get("/notes").statusCode()).as("still signed in").isEqualTo(200);

    phone.signIn("two-browsers", PASSWORD);
    laptop.get("/account/sessions");
    events.clear();
    HttpResponse<String> everywhere = laptop.post("/account/sessions/revoke-all");
    assertThat(everywhere.statusCode()).isEqualTo(303);
    assertThat(everywhere.headers().firstValue("clear-site-data")).isPresent();
    assertThat(events.await(e -> e.type().equals("session_revoked_all"), 10)).isNotNull();
    assertThat(phone.get("/notes").statusCode()).isEqualTo(303);
    assertThat(laptop.get("/notes").statusCode()).isEqualTo(303);
  }

  @Test
  void passwordChange_needsTheCurrentPassword_andEndsEveryOtherSession() throws Exception {
    DemoClient laptop = new DemoClient(server, "127.0.2.9");
    laptop.signUp("changer", PASSWORD);
    DemoClient phone = new DemoClient(server, "127.0.2.10");
    phone.signIn("changer", PASSWORD);

    laptop.get("/account/password");
    HttpResponse<String> wrong =
        laptop.post(
            "/account/password", "current", "not my password", "password", "a new long passphrase");
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.body()).contains(PasswordServlet.WRONG);
    HttpResponse<String> weak =
        laptop.post("/account/password", "current", PASSWORD, "password", "short");
    assertThat(weak.statusCode()).isEqualTo(422);

    String before = laptop.sessionCookie();
    events.clear();
    HttpResponse<String> changed =
        laptop.post("/account/password", "current", PASSWORD, "password", "a new long passphrase");
    assertThat(changed.statusCode()).isEqualTo(303);
    assertThat(events.await(e -> e.type().equals("authn_password_change"), 10).fields())
        .containsEntry("sessionsEnded", 1);
    assertThat(laptop.sessionCookie()).as("this session got a new id").isNotEqualTo(before);
    assertThat(laptop.get("/account/password?changed=1").body()).contains(PasswordServlet.CHANGED);
    assertThat(phone.get("/notes").statusCode()).as("the other session ended").isEqualTo(303);
    assertThat(laptop.get("/notes").statusCode()).as("this one continues").isEqualTo(200);

    DemoClient fresh = new DemoClient(server, "127.0.2.11");
    fresh.get("/login");
    assertThat(fresh.post("/login", "username", "changer", "password", PASSWORD).statusCode())
        .isEqualTo(200);
    fresh.signIn("changer", "a new long passphrase");
  }

  @Test
  void accountDeletion_needsThePassword_removesAccountNotesAndSessions() throws Exception {
    DemoClient laptop = new DemoClient(server, "127.0.2.12");
    laptop.signUp("leaver", PASSWORD);
    laptop.get("/notes");
    laptop.post("/notes", "text", "soon gone");
    DemoClient phone = new DemoClient(server, "127.0.2.13");
    phone.signIn("leaver", PASSWORD);

    laptop.get("/account/password");
    assertThat(laptop.post("/account/delete", "password", "wrong password!").statusCode())
        .isEqualTo(403);
    events.clear();
    HttpResponse<String> deleted = laptop.post("/account/delete", "password", PASSWORD);
    assertThat(deleted.statusCode()).isEqualTo(303);
    assertThat(events.await(e -> e.type().equals("user_deleted"), 10)).isNotNull();
    assertThat(phone.get("/notes").statusCode()).isEqualTo(303);
    DemoClient again = new DemoClient(server, "127.0.2.14");
    again.get("/login");
    assertThat(again.post("/login", "username", "leaver", "password", PASSWORD).body())
        .contains(LoginServlet.FAILED);
    again.signUp("leaver", PASSWORD);
    assertThat(again.get("/notes").body())
        .as("the old notes went with the account")
        .doesNotContain("soon gone");
  }

  @Test
  void production_hasNoDemoAccount_andRemovesOneLeftBehind(@TempDir Path folder) {
    DemoDatabase db = DemoDatabase.sqlite(folder);
    DemoAccounts development = DemoAccounts.open(db, ArmetEnvironment.DEVELOPMENT);
    assertThat(development.verify(DemoAccounts.DEMO_USER, DemoAccounts.DEMO_PASSWORD.toCharArray()))
        .isPresent();
    DemoAccounts production = DemoAccounts.open(db, ArmetEnvironment.PRODUCTION);
    assertThat(production.exists(DemoAccounts.DEMO_USER)).isFalse();
    assertThat(production.verify(DemoAccounts.DEMO_USER, DemoAccounts.DEMO_PASSWORD.toCharArray()))
        .isEmpty();
    assertThat(
            DemoAccounts.open(
                    DemoDatabase.sqlite(folder.resolve("fresh")), ArmetEnvironment.PRODUCTION)
                .exists(DemoAccounts.DEMO_USER))
        .isFalse();
  }
}
