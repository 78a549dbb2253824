package dev.armet.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.armet.cookie.RequestCookies;
import dev.armet.env.ArmetEnvironment;
import dev.armet.keys.Keyring;
import dev.armet.keys.TokenSealer;
import dev.armet.keys.TokenSigner;
import dev.armet.session.CookieSessions;
import dev.armet.session.Session;

/**
 * Signed and sealed decoding must answer "invalid" (empty), never throw, for any input; and a
 * forgery must never verify. Decoding runs through the cookie-session path too, so the JSON payload
 * parser is reached whenever the fuzzer mutates a valid token's payload.
 */
class TokenFuzzTest {
  private static final Keyring RING =
      Keyring.create(
          k ->
              k.environment(ArmetEnvironment.PRODUCTION)
                  .secret("V7m0c1Xh2b4T9qz8LkP3sWn6YdR5jEaF0gUiOyBtHvK"));
  private static final TokenSigner SIGNER = RING.signer("fuzz");
  private static final TokenSealer SEALER = RING.sealer("fuzz");
  private static final CookieSessions SIGNED =
      CookieSessions.create(
          c -> c.environment(ArmetEnvironment.DEVELOPMENT).keyring(RING).events(e -> {}));
  private static final CookieSessions SEALED =
      CookieSessions.create(
          c ->
              c.environment(ArmetEnvironment.DEVELOPMENT)
                  .keyring(RING)
                  .sealed(true)
                  .events(e -> {}));
  private static final String VALID_SIGNED = SIGNER.sign(new byte[] {1, 2, 3}, "c");

  @FuzzTest(maxDuration = "4s")
  void verifyAndOpen_anyInput_neverThrowsNorForges(FuzzedDataProvider data) {
    String context = data.consumeString(16);
    String token = data.consumeRemainingAsString();
    if (SIGNER.verify(token, context).isPresent()) {
      // Only a token this process signed can verify; the fuzzer cannot guess a MAC.
      assertThat(token).isEqualTo(VALID_SIGNED);
    }
    assertThat(SEALER.open(token, context)).isEmpty();
    Session a = SIGNED.open(RequestCookies.parse("session=" + token), false);
    Session b = SEALED.open(RequestCookies.parse("__Host-session=" + token), true);
    assertThat(a.exists()).isFalse();
    assertThat(b.exists()).isFalse();
  }
}
