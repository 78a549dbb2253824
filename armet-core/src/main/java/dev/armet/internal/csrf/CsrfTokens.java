package dev.armet.internal.csrf;

import dev.armet.csrf.CsrfProtection;
import dev.armet.csrf.CsrfRequest;
import dev.armet.csrf.CsrfResponse;
import dev.armet.csrf.CsrfToken;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Not API. {@link CsrfProtection#check} for the servlet adapter, which only needs the token of an
 * allowed request: the token or null (refused, the event recorded), without the decision and the
 * {@code Optional} around the token (issue 18). {@link CsrfProtection} registers its checker when
 * it is initialised (the JDK's "shared secrets" pattern); the package is exported to the servlet
 * module only.
 */
public final class CsrfTokens {
  /** {@code protection.check(request, response).token().orElse(null)}. */
  @FunctionalInterface
  public interface Checker {
    @Nullable CsrfToken check(
        CsrfProtection protection, CsrfRequest request, CsrfResponse response);
  }

  private static volatile @Nullable Checker checker;

  private CsrfTokens() {}

  /**
   * Called once, by {@link CsrfProtection}'s initialiser.
   *
   * @throws IllegalStateException on a second call
   */
  public static synchronized void register(Checker c) {
    if (checker != null) {
      throw new IllegalStateException("the CSRF checker is already registered");
    }
    checker = Objects.requireNonNull(c);
  }

  /** Decides as {@link CsrfProtection#check} does: the token when allowed, null when refused. */
  public static @Nullable CsrfToken check(
      CsrfProtection protection, CsrfRequest request, CsrfResponse response) {
    // A protection exists, so its class is initialised and registered the checker.
    return Objects.requireNonNull(checker, "CsrfProtection registers its checker")
        .check(protection, request, response);
  }
}
