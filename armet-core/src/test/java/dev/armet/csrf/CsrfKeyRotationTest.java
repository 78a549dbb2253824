package dev.armet.csrf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import org.junit.jupiter.api.Test;

/** Issue 10, item 25: the signed CSRF cookie follows a key rotation, as the session cookie does. */
class CsrfKeyRotationTest {
  private static final String OLD_KEY = Secrets.generate();
  private static final String NEW_KEY = Secrets.generate();

  private static CsrfProtection signedBy(String... secrets) {
    Keyring ring =
        Keyring.create(
            k -> {
              k.environment(ArmetEnvironment.PRODUCTION);
              for (String s : secrets) {
                k.secret(s);
              }
            });
    return CsrfProtection.create(
        c -> c.environment(ArmetEnvironment.DEVELOPMENT).keyring(ring).events(e -> {}));
  }

  @Test
  void post_withSecretCookieOfAnOlderKey_reissuesItUnderThePrimaryKey() {
    String[] tokenAndCookies = CsrfProtectionTest.tokenAndCookies(signedBy(OLD_KEY));
    Exchange post = CsrfProtectionTest.post(tokenAndCookies[1], tokenAndCookies[0]);
    assertThat(CsrfProtectionTest.decide(signedBy(NEW_KEY, OLD_KEY), post)).isNull();
    assertThat(post.written("Set-Cookie"))
        .as("the secret cookie, re-signed")
        .anyMatch(c -> c.startsWith("__Host-csrf="));
    // Once the old key leaves the ring, the re-issued cookie still carries the same secret.
    Exchange next = CsrfProtectionTest.post(post.cookiesForNextRequest(), tokenAndCookies[0]);
    assertThat(CsrfProtectionTest.decide(signedBy(NEW_KEY), next)).isNull();
  }

  @Test
  void post_withSecretCookieOfThePrimaryKey_setsNoCookie() {
    CsrfProtection p = signedBy(NEW_KEY, OLD_KEY);
    String[] tokenAndCookies = CsrfProtectionTest.tokenAndCookies(p);
    Exchange post = CsrfProtectionTest.post(tokenAndCookies[1], tokenAndCookies[0]);
    assertThat(CsrfProtectionTest.decide(p, post)).isNull();
    assertThat(post.written("Set-Cookie")).isEmpty();
  }
}
