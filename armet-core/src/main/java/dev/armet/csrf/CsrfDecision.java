package dev.armet.csrf;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link CsrfProtection#check}: allowed, with the token to hand to the application,
 * or refused. The reason for a refusal is recorded as a {@code malicious_csrf} security event
 * (disposition {@code refused}) and deliberately not exposed here: the client only ever gets a
 * fixed 403.
 */
public final class CsrfDecision {
  /** The token when allowed, else the refusal: one field, one object per request (issue 18). */
  private final Object outcome;

  private CsrfDecision(Object outcome) {
    this.outcome = Objects.requireNonNull(outcome, "outcome");
  }

  static CsrfDecision allowed(CsrfToken token) {
    return new CsrfDecision(token);
  }

  static CsrfDecision refused(Refusal refusal) {
    return new CsrfDecision(refusal);
  }

  /** Whether the application may handle the request. */
  public boolean isAllowed() {
    return outcome instanceof CsrfToken;
  }

  /** The token for the page, present when allowed. */
  public Optional<CsrfToken> token() {
    return outcome instanceof CsrfToken ? Optional.of((CsrfToken) outcome) : Optional.empty();
  }

  @Nullable Refusal refusal() {
    return outcome instanceof Refusal ? (Refusal) outcome : null;
  }

  @Override
  public String toString() {
    return isAllowed() ? "CsrfDecision[allowed]" : "CsrfDecision[refused]";
  }
}
