package dev.armet.csrf;

import dev.armet.cookie.RequestCookies;
import dev.armet.keys.TokenContents;
import dev.armet.session.Session;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One request's CSRF secret: where it is read from, and where a new one is written. Tokens are
 * created lazily, so a page that never shows a form sets no cookie and creates no session.
 *
 * <p>Synchronizer mode reads the secret from the session when one exists and has it; a session that
 * has none adopts the pre-session secret, so a form rendered just before the session was created
 * still verifies. Without a session (and always in signed double-submit mode) the secret is the
 * signed pre-session cookie's. A session {@code regenerate()} gives the session a fresh secret and
 * replaces the cookie; {@code invalidate()} replaces the cookie: so the token changes at login and
 * logout, and the old one is refused.
 */
final class RequestSecrets implements Runnable {
  static final String SESSION_ATTRIBUTE = "armet.csrf";

  /** Mode, cookies and names: read through the protection, not copied per request (issue 18). */
  final CsrfProtection owner;

  private final CsrfResponse response;
  private final @Nullable Session session;
  private final boolean secure;

  /**
   * The pre-session secret, read on first use (most requests, assets and GETs without forms, never
   * need it): the request's {@link RequestCookies} until then, afterwards the secret or null if the
   * client has none. One field for both (issue 18).
   */
  private @Nullable Object preSession;

  private boolean readableWanted;

  RequestSecrets(CsrfProtection owner, CsrfRequest request, CsrfResponse response) {
    this.owner = owner;
    this.response = response;
    this.secure = request.isSecure();
    this.session = request.session().orElse(null);
    this.preSession = request.cookies(); // read on first use
    if (session != null) {
      session.onIdentityChange(this); // run() rotates; no lambda per request
    }
  }

  /** The secret a submitted token must match now, or null if this client has none. */
  byte @Nullable [] expected() {
    synchronized (lock()) {
      byte[] stored = stored();
      return stored != null ? stored : preSession();
    }
  }

  /** The secret to hand out in a token, created (and written) if there is none yet. */
  byte[] current() {
    synchronized (lock()) {
      if (usesSession()) {
        byte[] stored = stored();
        if (stored == null) {
          stored = preSessionOrNew();
          Session session = Objects.requireNonNull(this.session); // usesSession()
          if (!session.isCommitted()) {
            // Too late to store is harmless: the next request adopts the pre-session secret.
            session.set(SESSION_ATTRIBUTE, TokenMasking.encode(stored));
          }
        }
        return stored;
      }
      return preSessionOrNew();
    }
  }

  /** For single-page apps: (re)sets the readable cookie unless the one sent still verifies. */
  void offerReadableCookie(RequestCookies sent) {
    synchronized (lock()) {
      readableWanted = true;
      byte[] secret = current();
      String value = sent.first(owner.cookies().readableName(secure)).orElse(null);
      if (!TokenMasking.matches(value, secret)) {
        response.addHeader(
            "Set-Cookie", owner.cookies().readableHeader(TokenMasking.mask(secret), secure));
      }
    }
  }

  /** {@link #rotate()}, as the session's identity listener. */
  @Override
  public void run() {
    rotate();
  }

  /** New secrets now: the session's (if it exists) and the pre-session cookie's. */
  void rotate() {
    synchronized (lock()) {
      if (response.isCommitted()) {
        return; // too late for Set-Cookie; the session code refuses changes after commit too
      }
      if (usesSession()) {
        Objects.requireNonNull(session)
            .set(SESSION_ATTRIBUTE, TokenMasking.encode(TokenMasking.newSecret()));
      }
      if (preSession() != null) {
        byte[] fresh = TokenMasking.newSecret();
        preSession = fresh;
        response.addHeader("Set-Cookie", owner.cookies().secretHeader(fresh, secure));
      }
      if (readableWanted) {
        response.addHeader(
            "Set-Cookie", owner.cookies().readableHeader(TokenMasking.mask(current()), secure));
      }
    }
  }

  /** One monitor for both: the session calls back into us from inside its own lock. */
  private Object lock() {
    return session != null ? session : this;
  }

  private boolean usesSession() {
    return owner.mode() == CsrfMode.SYNCHRONIZER && session != null && session.exists();
  }

  private byte @Nullable [] stored() {
    if (!usesSession()) {
      return null;
    }
    Object value = Objects.requireNonNull(session).get(SESSION_ATTRIBUTE).orElse(null);
    return value instanceof String
        ? TokenMasking.decode((String) value, TokenMasking.SECRET_BYTES)
        : null;
  }

  private byte @Nullable [] preSession() {
    Object state = preSession;
    if (!(state instanceof RequestCookies)) {
      return (byte[]) state;
    }
    TokenContents found = owner.cookies().readSecret((RequestCookies) state, secure);
    byte[] secret = found == null ? null : found.payload();
    preSession = secret;
    if (found != null && !found.primaryKey() && !response.isCommitted()) {
      // Signed by an older key of the ring: re-issue it under the primary key, as the session
      // cookie is, so it survives the old key's removal from the ring.
      response.addHeader("Set-Cookie", owner.cookies().secretHeader(found.payload(), secure));
    }
    return secret;
  }

  private byte[] preSessionOrNew() {
    byte[] secret = preSession();
    if (secret == null) {
      if (response.isCommitted()) {
        throw new IllegalStateException(
            "the CSRF token was first asked for after the response"
                + " was committed, too late to set its cookie; read the token (request attribute"
                + " _csrf) before writing the body");
      }
      secret = TokenMasking.newSecret();
      preSession = secret;
      response.addHeader("Set-Cookie", owner.cookies().secretHeader(secret, secure));
    }
    return secret;
  }
}
