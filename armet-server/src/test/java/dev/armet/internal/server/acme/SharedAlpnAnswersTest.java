package dev.armet.internal.server.acme;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.armet.redis.RedisStores;
import dev.armet.server.acme.AcmeConfig;
import dev.armet.spi.SharedRecordStore;
import dev.armet.testing.Poll;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.util.CertificateUtils;
import org.slf4j.LoggerFactory;

/**
 * A TLS-ALPN-01 answer published by the ordering instance is answered by any other, with a
 * certificate and key of its own, through a real Redis; a damaged record answers nothing and is
 * logged once.
 */
class SharedAlpnAnswersTest {
  private static final Duration BOUND = Duration.ofSeconds(10);
  private static final String DOMAIN = "example.com";

  private RedisStores redis;
  private SharedRecordStore records;
  private SharedAcmeStore orderingStore;
  private ChallengeResponses ordering;
  private ChallengeResponses other;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger acmeLog = (Logger) LoggerFactory.getLogger("armet.server.acme");

  @BeforeEach
  void twoInstancesOnOneStore() {
    redis =
        RedisStores.open(
            "redis://127.0.0.1:6379/0", b -> b.keyPrefix("armet-test:" + UUID.randomUUID() + ":"));
    records = redis.sharedRecords().orElseThrow();
    AcmeConfig config =
        AcmeConfig.builder().domains(DOMAIN).acceptTerms(true).sharedStore(records, null).build();
    orderingStore = new SharedAcmeStore(records, null, config);
    ordering = new ChallengeResponses();
    ordering.shareAlpn(orderingStore.alpnAnswers());
    other = new ChallengeResponses();
    other.shareAlpn(new SharedAcmeStore(records, null, config).alpnAnswers());
    log.start();
    acmeLog.addAppender(log);
  }

  @AfterEach
  void close() {
    acmeLog.detachAppender(log);
    redis.close(); // a second close (after the failing-store test) does nothing
  }

  @Test
  void answerPublishedByOneInstance_isAnsweredByAnotherWithItsOwnKey_untilWithdrawn()
      throws Exception {
    byte[] validation = sha256("tok_123.thumbprint");
    KeyPair orderingKey = rsaKey();
    X509Certificate orderingCert =
        CertificateUtils.createTlsAlpn01Certificate(
            orderingKey, Identifier.dns(DOMAIN), validation);
    assertThat(other.alpn(DOMAIN)).isEmpty();

    ordering.putAlpn(
        "Example.COM",
        new ChallengeResponses.AlpnCertificate(orderingCert, orderingKey.getPrivate()),
        validation);
    ChallengeResponses.AlpnCertificate answer =
        Poll.until(
                BOUND,
                "the other instance answers",
                () -> other.alpn("EXAMPLE.com"),
                o -> o.isPresent())
            .orElseThrow();

    assertThat(answer.key()).isNotEqualTo(orderingKey.getPrivate());
    assertThat(answer.certificate()).isNotEqualTo(orderingCert);
    assertThat(acmeValidation(answer.certificate())).isEqualTo(validation);
    assertThat(answer.certificate().getSubjectAlternativeNames())
        .containsExactly(List.of(2, DOMAIN));
    assertKeyPairs(answer);
    assertThat(other.alpn(DOMAIN).orElseThrow())
        .as("made once per domain and value")
        .isSameAs(answer);
    assertThat(other.alpn("other.example")).isEmpty();
    assertThat(sharedRecord())
        .as("only the validation value is shared")
        .isEqualTo(
            Map.of(DOMAIN, Base64.getUrlEncoder().withoutPadding().encodeToString(validation)));

    byte[] next = sha256("tok_456.thumbprint");
    ordering.putAlpn(
        DOMAIN,
        new ChallengeResponses.AlpnCertificate(orderingCert, orderingKey.getPrivate()),
        next);
    X509Certificate renewed =
        Poll.until(
            BOUND,
            "the changed answer is answered",
            () -> other.alpn(DOMAIN).orElseThrow().certificate(),
            c -> Arrays.equals(acmeValidation(c), next));
    assertThat(renewed).isNotEqualTo(answer.certificate());

    ordering.removeAlpn(DOMAIN);
    Poll.until(BOUND, "the withdrawn answer is gone", () -> other.alpn(DOMAIN).isEmpty());
    assertThat(ordering.alpn(DOMAIN)).isEmpty();
    assertThat(log.list).isEmpty();
  }

  @Test
  void garbageRecord_answersNothing_andIsLoggedOnce() throws Exception {
    byte[] garbage = new byte[512];
    new java.util.Random(17).nextBytes(garbage);
    byte[] record = concat("\\uZZ\u0000".getBytes(StandardCharsets.ISO_8859_1), garbage);
    records.write(alpnKey(), record, null);

    answersNothingForASecond();

    assertThat(theOneLogLine()).contains("TLS-ALPN-01").contains("not a record of answers");

    // A record of answers whose value is no validation value: likewise ignored, logged once.
    records.write(alpnKey(), (DOMAIN + "=AAAA\n").getBytes(StandardCharsets.UTF_8), null);
    answersNothingForASecond();
    assertThat(theOneLogLine())
        .contains("TLS-ALPN-01 answer for " + DOMAIN)
        .contains("not a validation value")
        .doesNotContain("AAAA");

    // Repaired, it answers again.
    byte[] validation = sha256("tok.thumbprint");
    ordering.putAlpn(
        DOMAIN,
        new ChallengeResponses.AlpnCertificate(
            CertificateUtils.createTlsAlpn01Certificate(
                rsaKey(), Identifier.dns(DOMAIN), validation),
            rsaKey().getPrivate()),
        validation);
    Poll.until(BOUND, "the repaired record answers", () -> other.alpn(DOMAIN).isPresent());
  }

  @Test
  void storeThatFails_isLoggedOnce_andTheOrderingInstanceStillAnswersItsOwn() throws Exception {
    redis.close(); // the store is gone for both instances
    byte[] validation = sha256("tok.thumbprint");
    KeyPair key = rsaKey();
    X509Certificate cert =
        CertificateUtils.createTlsAlpn01Certificate(key, Identifier.dns(DOMAIN), validation);

    ordering.putAlpn(
        DOMAIN, new ChallengeResponses.AlpnCertificate(cert, key.getPrivate()), validation);

    assertThat(ordering.alpn(DOMAIN).orElseThrow().certificate()).isEqualTo(cert);
    answersNothingForASecond();
    assertThat(log.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .filteredOn(m -> m.contains("cannot read the shared TLS-ALPN-01 answers"))
        .hasSize(1);
    assertThat(log.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .filteredOn(m -> m.contains("cannot share the pending TLS-ALPN-01 answers"))
        .hasSize(1);
  }

  /** Asks the other instance for a second, long enough for it to read the record again. */
  private void answersNothingForASecond() {
    long end = System.nanoTime() + Duration.ofMillis(1200).toNanos();
    Poll.until(
        BOUND,
        "a second of lookups",
        () -> {
          assertThat(other.alpn(DOMAIN)).isEmpty();
          return System.nanoTime() > end;
        });
  }

  /** The line logged since the last call, which must be the only one. */
  private String theOneLogLine() {
    assertThat(log.list).hasSize(1);
    String line = log.list.getFirst().getFormattedMessage();
    log.list.clear();
    return line;
  }

  private String alpnKey() {
    return orderingStore.leaseName().replace(":order", ":tls-alpn-01");
  }

  private Map<Object, Object> sharedRecord() throws Exception {
    Properties p = new Properties();
    p.load(
        new StringReader(
            new String(records.read(alpnKey()).orElseThrow().value(), StandardCharsets.UTF_8)));
    return Map.copyOf(p);
  }

  /** The certificate's key pairs with the private key: what one signs, the other verifies. */
  private static void assertKeyPairs(ChallengeResponses.AlpnCertificate c) throws Exception {
    java.security.Signature s = java.security.Signature.getInstance("SHA256withRSA");
    s.initSign(c.key());
    s.update(new byte[] {1});
    byte[] signature = s.sign();
    s.initVerify(c.certificate().getPublicKey());
    s.update(new byte[] {1});
    assertThat(s.verify(signature)).isTrue();
  }

  /** The 32 bytes of the acmeIdentifier extension (RFC 8737 §3), inside two OCTET STRINGs. */
  private static byte[] acmeValidation(X509Certificate c) {
    byte[] ext = c.getExtensionValue("1.3.6.1.5.5.7.1.31");
    return Arrays.copyOfRange(ext, ext.length - 32, ext.length);
  }

  private static byte[] sha256(String s) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
  }

  private static KeyPair rsaKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
