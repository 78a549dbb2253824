package dev.armet.internal.server.acme;

import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Decides which certificate an HTTPS handshake gets while ACME supplies it: {@code acme-tls/1}
 * handshakes get the pending validation certificate, and ordinary handshakes get nothing (they
 * fail) until the first real certificate is in place, then the served one. The HTTPS connector's
 * key managers are wrapped through {@link #wrap}, on every reload.
 */
public final class AcmeCertificateSelector {
  private final ChallengeResponses responses;
  private final AtomicBoolean ready = new AtomicBoolean();

  public AcmeCertificateSelector(ChallengeResponses responses) {
    this.responses = responses;
  }

  public ChallengeResponses responses() {
    return responses;
  }

  /** From now on ordinary handshakes get the installed certificate. */
  public void certificateReady() {
    ready.set(true);
  }

  public boolean isCertificateReady() {
    return ready.get();
  }

  /** {@code served}, answering TLS-ALPN-01 and holding back a placeholder. */
  public X509ExtendedKeyManager wrap(X509ExtendedKeyManager served) {
    return new AlpnChallengeKeyManager(served, responses, ready::get);
  }

  /**
   * {@code served} for a TLS context that only answers TLS-ALPN-01 (see {@link
   * AcmeValidationSslConnectionFactory}): the validation certificate for {@code acme-tls/1}, and
   * nothing (the handshake fails) for any other handshake, so its own certificate, never reloaded,
   * is never presented.
   */
  public X509ExtendedKeyManager wrapForValidationOnly(X509ExtendedKeyManager served) {
    return new AlpnChallengeKeyManager(served, responses, () -> false);
  }
}
