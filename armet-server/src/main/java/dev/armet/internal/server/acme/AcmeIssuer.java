package dev.armet.internal.server.acme;

import dev.armet.server.acme.AcmeChallengeType;
import dev.armet.server.acme.AcmeConfig;
import dev.armet.spi.SharedRecordStore.Lease;
import java.io.IOException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One order, start to finish (RFC 8555 §7): account (created or found by its key), order for the
 * domains, each pending authorization answered with the configured challenge, a fresh EC P-256 key
 * and CSR, the issued chain, and the ARI renewal window when the CA offers one. The challenge
 * answers are withdrawn whatever happens.
 */
final class AcmeIssuer {
  private static final Logger LOG = LoggerFactory.getLogger("armet.server.acme");
  private static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(90);

  private final AcmeConfig config;
  private final CertificateStore store;
  private final ChallengeResponses responses;
  private final Clock clock;

  AcmeIssuer(AcmeConfig config, CertificateStore store, ChallengeResponses responses, Clock clock) {
    this.config = config;
    this.store = store;
    this.responses = responses;
    this.clock = clock;
  }

  /**
   * Orders a certificate for the configured domains.
   *
   * @param replacing the certificate being renewed (named to the CA for ARI), or null
   * @param lease the order lease, which fences a new account key's write
   */
  StoredCertificate order(X509Certificate replacing, Lease lease)
      throws AcmeFailure, InterruptedException {
    try {
      Session session = AcmeCaConnection.open(config);
      AccountBuilder accountBuilder =
          new AccountBuilder().useKeyPair(store.accountKey(lease)).agreeToTermsOfService();
      if (config.email() != null) {
        accountBuilder.addEmail(config.email());
      }
      Account account = accountBuilder.create(session);
      OrderBuilder orderBuilder = account.newOrder().domains(config.domains());
      if (replacing != null
          && session
              .resourceUrlOptional(org.shredzone.acme4j.connector.Resource.RENEWAL_INFO)
              .isPresent()) {
        orderBuilder.replaces(replacing);
      }
      Order order = orderBuilder.create();
      for (Authorization authorization : order.getAuthorizations()) {
        authorize(authorization);
      }
      order.waitUntilReady(VALIDATION_TIMEOUT);
      KeyPair domainKey = AcmeStore.newEcKey();
      order.execute(domainKey);
      Status status = order.waitForCompletion(VALIDATION_TIMEOUT);
      if (status != Status.VALID) {
        throw new AcmeFailure(
            "the order for "
                + config.domains()
                + " ended "
                + status
                + order.getError().map(p -> ": " + describe(p)).orElse(""),
            null,
            null);
      }
      Certificate issued = order.getCertificate();
      List<X509Certificate> chain = new ArrayList<>(issued.getCertificateChain());
      Instant windowStart = null;
      Instant windowEnd = null;
      if (issued.hasRenewalInfo()) {
        try {
          RenewalInfo info = issued.getRenewalInfo();
          windowStart = info.getSuggestedWindowStart();
          windowEnd = info.getSuggestedWindowEnd();
        } catch (RuntimeException e) {
          LOG.debug(
              "the CA's renewal information did not read; renewing at two-thirds of the lifetime",
              e);
        }
      }
      return new StoredCertificate(chain, domainKey.getPrivate(), windowStart, windowEnd);
    } catch (AcmeRateLimitedException e) {
      Duration wait =
          e.getRetryAfter().map(at -> Duration.between(clock.instant(), at)).orElse(null);
      throw new AcmeFailure(
          "the CA refused with a rate limit: " + describe(e.getProblem()), wait, e);
    } catch (AcmeException e) {
      throw new AcmeFailure("the CA refused: " + e.getMessage(), null, e);
    } catch (IOException e) {
      throw new AcmeFailure("the ACME store could not be used: " + e.getMessage(), null, e);
    } catch (RuntimeException e) {
      throw new AcmeFailure("ordering failed: " + e, null, e);
    }
  }

  private void authorize(Authorization authorization)
      throws AcmeException, AcmeFailure, InterruptedException {
    if (authorization.getStatus() == Status.VALID) {
      return; // reused from an earlier order
    }
    String domain = authorization.getIdentifier().getDomain();
    Challenge challenge;
    Runnable withdraw;
    if (config.challenge() == AcmeChallengeType.HTTP_01) {
      Http01Challenge http =
          authorization
              .findChallenge(Http01Challenge.class)
              .orElseThrow(() -> offered(domain, authorization));
      responses.putHttp(http.getToken(), http.getAuthorization());
      withdraw = () -> responses.removeHttp(http.getToken());
      challenge = http;
    } else {
      TlsAlpn01Challenge alpn =
          authorization
              .findChallenge(TlsAlpn01Challenge.class)
              .orElseThrow(() -> offered(domain, authorization));
      KeyPair key =
          rsaKey(); // acme4j 4.0 signs the validation certificate with SHA256withRSA whatever the
      // key
      X509Certificate cert = alpn.createCertificate(key, authorization.getIdentifier());
      responses.putAlpn(
          domain,
          new ChallengeResponses.AlpnCertificate(cert, key.getPrivate()),
          alpn.getAcmeValidation());
      withdraw = () -> responses.removeAlpn(domain);
      challenge = alpn;
    }
    try {
      challenge.trigger();
      Status status = challenge.waitForCompletion(VALIDATION_TIMEOUT);
      if (status != Status.VALID) {
        throw new AcmeFailure(
            "the "
                + config.challenge()
                + " challenge for "
                + domain
                + " failed"
                + challenge.getError().map(p -> ": " + describe(p)).orElse(""),
            null,
            null);
      }
      LOG.info("the CA validated {} through {}", domain, config.challenge());
    } finally {
      withdraw.run();
    }
  }

  private AcmeFailureUnchecked offered(String domain, Authorization authorization) {
    List<String> types = authorization.getChallenges().stream().map(Challenge::getType).toList();
    return new AcmeFailureUnchecked(
        "the CA offers no "
            + config.challenge()
            + " challenge for "
            + domain
            + " (it offers "
            + types
            + "); set tls.acme.challenge to one of them");
  }

  private static KeyPair rsaKey() {
    try {
      java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("RSA is not available", e);
    }
  }

  private static String describe(Problem p) {
    return p.getDetail().orElse(p.getTitle().orElse(p.getType().toString()));
  }

  /** Thrown from the {@code orElseThrow} suppliers; caught as a runtime failure above. */
  private static final class AcmeFailureUnchecked extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AcmeFailureUnchecked(String message) {
      super(message, null, false, false);
    }

    @Override
    public String toString() {
      return getMessage();
    }
  }
}
