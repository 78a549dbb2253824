package dev.armet.csrf;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link CsrfProtection#check}: allowed, with the token to hand to the application,
 * or refused. The reason for a refusal is recorded as a {@code malicious_csrf} security event
 * (disposition {@code refused}) and deliberately not exposed here: the client only ever gets a
 * fixed 403.
 */
public final class CsrfDecision {
  private final @Nullable CsrfToken token;
  private final @Nullable Refusal refusal;

  private CsrfDecision(@Nullable CsrfToken token, @Nullable Refusal refusal) {
    this.token = token;
    this.refusal = refusal;
  }

  static CsrfDecision allowed(CsrfToken token) {
    return new CsrfDecision(token, null);
  }

  static CsrfDecision refused(Refusal refusal) {
    return new CsrfDecision(null, refusal);
  }

  /** Whether the application may handle the request. */
  public boolean isAllowed() {
    return refusal == null;
  }

  /** The token for the page, present when allowed. */
  public Optional<CsrfToken> token() {
    return Optional.ofNullable(token);
  }

  @Nullable Refusal refusal() {
    return refusal;
  }

  @Override
  public String toString() {
    return refusal == null ? "CsrfDecision[allowed]" : "CsrfDecision[refused]";
  }
}
