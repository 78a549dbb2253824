package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.armet.env.ArmetEnvironment;
import dev.armet.internal.server.acme.AcmeTestAccess;
import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import dev.armet.server.acme.AcmeCertificateManager;
import dev.armet.server.acme.AcmeChallengeType;
import dev.armet.server.acme.AcmeConfig;
import dev.armet.server.acme.AcmeStatus;
import dev.armet.spi.SharedRecordStore;
import dev.armet.spi.SharedRecordStore.Lease;
import dev.armet.spi.Stores;
import dev.armet.testing.Poll;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * Several instances behind one load balancer share the ACME certificate through the configured
 * store (real Redis and PostgreSQL) with a real CA (Pebble): one orders, all serve it; a dead
 * holder's lease expires; a damaged record is replaced, a record sealed with other secrets is left
 * alone.
 */
class AcmeSharedStoreTest {
  private static final Duration BOUND = Duration.ofSeconds(90);

  @TempDir Path dir;

  private final Keyring keys = Keyring.create(k -> k.secret(Secrets.generate()));

  @ParameterizedTest
  @EnumSource(SharedStores.class)
  void twoInstancesOnOneStore_startedAtOnce_orderOnce_andServeTheSameCertificate(SharedStores kind)
      throws Exception {
    String namespace = SharedStores.freshNamespace();
    // The CA validates HTTP-01 on a's port only: whichever instance orders, a must answer it.
    int httpA = PebbleCa.freePort();
    try (Stores storeA = kind.open(namespace, dir);
        Stores storeB = kind.open(namespace, dir);
        PebbleCa ca =
            PebbleCa.start(dir.resolve("pebble"), httpA, PebbleCa.freePort(), 0, Map.of())) {
      try {
        ArmetServer a = ArmetServer.create(config(ca, storeA, keys, httpA, "a").build());
        ArmetServer b = ArmetServer.create(config(ca, storeB, keys, 0, "b").build());
        startTogether(a, b);
        try (a;
            b) {
          X509Certificate servedByA = awaitServed(a, ca, BOUND);
          X509Certificate servedByB = awaitServed(b, ca, BOUND);
          AcmeCertificateManager ma = a.acme().orElseThrow();
          AcmeCertificateManager mb = b.acme().orElseThrow();
          assertThat(ma.attempts() + mb.attempts()).as("orders by both instances").isEqualTo(1);
          assertThat(issuedByPebble(ca)).as("certificates Pebble issued").isEqualTo(1);
          assertThat(servedByB).isEqualTo(servedByA);
          SSLContext trust = TestTls.trusting(ca.issuingRoot());
          assertThat(AcmeIssuanceTest.servedLeaf(trust, a.httpsPort())).isEqualTo(servedByA);
          assertThat(AcmeIssuanceTest.servedLeaf(trust, b.httpsPort())).isEqualTo(servedByA);

          // At rest the key and certificate are sealed: neither appears in the store's bytes.
          AcmeConfig acme = a.config().tls().acme().orElseThrow();
          byte[] raw =
              storeA
                  .sharedRecords()
                  .orElseThrow()
                  .read(AcmeTestAccess.certificateKey(acme))
                  .orElseThrow()
                  .value();
          String text = new String(raw, StandardCharsets.ISO_8859_1);
          assertThat(text)
              .startsWith("armet-acme 1 sealed\n")
              .doesNotContain("PRIVATE KEY")
              .doesNotContain("CERTIFICATE")
              .doesNotContain(
                  Base64.getEncoder().encodeToString(servedByA.getEncoded()).substring(0, 40));
        }
      } finally {
        SharedStores.drop(storeA);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(SharedStores.class)
  void tlsAlpn01_validatedOnTheInstanceNotOrdering_isAnsweredThroughTheStore(SharedStores kind)
      throws Exception {
    String namespace = SharedStores.freshNamespace();
    ArmetServer[] servers = new ArmetServer[2];
    // The load balancer sends each of the CA's acme-tls/1 connections to the instance that is
    // not ordering: only an answer shared through the store can satisfy it.
    try (LoadBalancer balancer = new LoadBalancer(() -> listeningPort(notOrdering(servers)));
        Stores storeA = kind.open(namespace, dir);
        Stores storeB = kind.open(namespace, dir);
        PebbleCa ca =
            PebbleCa.start(
                dir.resolve("pebble"), PebbleCa.freePort(), balancer.port(), 0, Map.of())) {
      try {
        ArmetServer a =
            ArmetServer.create(
                config(ca, storeA, keys, 0, "a", AcmeChallengeType.TLS_ALPN_01).build());
        ArmetServer b =
            ArmetServer.create(
                config(ca, storeB, keys, 0, "b", AcmeChallengeType.TLS_ALPN_01).build());
        servers[0] = a;
        servers[1] = b;
        startTogether(a, b);
        try (a;
            b) {
          X509Certificate servedByA = awaitServed(a, ca, BOUND);
          X509Certificate servedByB = awaitServed(b, ca, BOUND);
          assertThat(a.acme().orElseThrow().attempts() + b.acme().orElseThrow().attempts())
              .as("orders by both instances")
              .isEqualTo(1);
          assertThat(balancer.forwarded())
              .as("validation connections sent to the instance not ordering")
              .isPositive();
          assertThat(issuedByPebble(ca)).as("certificates Pebble issued").isEqualTo(1);
          assertThat(servedByB).isEqualTo(servedByA);
          SSLContext trust = TestTls.trusting(ca.issuingRoot());
          assertThat(AcmeIssuanceTest.servedLeaf(trust, a.httpsPort())).isEqualTo(servedByA);
          assertThat(AcmeIssuanceTest.servedLeaf(trust, b.httpsPort())).isEqualTo(servedByA);
        }
      } finally {
        SharedStores.drop(storeA);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(SharedStores.class)
  void holderThatDied_losesTheLeaseWhenItExpires_thenAnotherInstanceOrders(SharedStores kind)
      throws Exception {
    int http = PebbleCa.freePort();
    try (Stores stores = kind.open(SharedStores.freshNamespace(), dir);
        PebbleCa ca =
            PebbleCa.start(dir.resolve("pebble"), http, PebbleCa.freePort(), 0, Map.of())) {
      try {
        ArmetServerConfig config = config(ca, stores, keys, http, "survivor").build();
        AcmeConfig acme = config.tls().acme().orElseThrow();
        SharedRecordStore records = stores.sharedRecords().orElseThrow();
        // An instance took the order lease and died: it never renews nor releases it.
        Lease dead =
            records
                .acquire(AcmeTestAccess.leaseName(acme), "crashed-instance", Duration.ofSeconds(3))
                .orElseThrow();
        try (ArmetServer survivor = ArmetServer.create(config).start()) {
          awaitServed(survivor, ca, BOUND);
          assertThat(survivor.acme().orElseThrow().attempts()).isEqualTo(1);
          long writer = records.read(AcmeTestAccess.certificateKey(acme)).orElseThrow().token();
          assertThat(writer)
              .as("the certificate was written under a later grant than the dead one's")
              .isGreaterThan(dead.token());
          assertThat(records.write("probe", new byte[] {1}, dead))
              .as("the dead holder is fenced off")
              .isFalse();
        }
      } finally {
        SharedStores.drop(stores);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(SharedStores.class)
  void damagedStoredCertificate_isReportedAndReordered_notACrash(SharedStores kind)
      throws Exception {
    int http = PebbleCa.freePort();
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    Logger security = (Logger) LoggerFactory.getLogger("armet.security");
    events.start();
    security.addAppender(events);
    try (Stores stores = kind.open(SharedStores.freshNamespace(), dir);
        PebbleCa ca =
            PebbleCa.start(dir.resolve("pebble"), http, PebbleCa.freePort(), 0, Map.of())) {
      try {
        ArmetServerConfig config = config(ca, stores, keys, http, "one").build();
        AcmeConfig acme = config.tls().acme().orElseThrow();
        stores
            .sharedRecords()
            .orElseThrow()
            .write(
                AcmeTestAccess.certificateKey(acme),
                "-----BEGIN GARBAGE-----".getBytes(StandardCharsets.US_ASCII),
                null);
        try (ArmetServer server = ArmetServer.create(config).start()) {
          X509Certificate served = awaitServed(server, ca, BOUND);
          assertThat(server.acme().orElseThrow().attempts()).isEqualTo(1);
          assertThat(AcmeTestAccess.storedCertificate(acme).orElseThrow().leaf()).isEqualTo(served);
        }
      } finally {
        SharedStores.drop(stores);
      }
    } finally {
      security.detachAppender(events);
    }
    assertThat(events.list)
        .filteredOn(e -> e.getFormattedMessage().contains("event=tls_certificate_unreadable"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.ERROR);
              assertThat(e.getFormattedMessage())
                  .contains("is not an Armet ACME record")
                  .contains("then=\"order\"");
            });
  }

  @ParameterizedTest
  @EnumSource(SharedStores.class)
  void certificateSealedWithOtherSecrets_isLeftAlone_insteadOfOrderedOver(SharedStores kind)
      throws Exception {
    try (Stores stores = kind.open(SharedStores.freshNamespace(), dir)) {
      try {
        String nowhere = "https://localhost:" + PebbleCa.freePort() + "/dir";
        Keyring others = Keyring.create(k -> k.secret(Secrets.generate()));
        ArmetServerConfig config =
            ArmetServerConfig.builder()
                .httpsPort(0)
                .httpPort(0)
                .bindAddress("127.0.0.1")
                .environment(ArmetEnvironment.DEVELOPMENT)
                .dataDirectory(dir.resolve("data"))
                .stopAtShutdown(false)
                .tls(
                    t ->
                        t.acme(
                            a ->
                                a.directory(nowhere)
                                    .domains("example.com")
                                    .acceptTerms(true)
                                    .sharedStore(stores.sharedRecords().orElseThrow(), keys)
                                    .minimumBackoff(Duration.ofHours(1))
                                    .maximumBackoff(Duration.ofHours(2))))
                .build();
        AcmeConfig mine = config.tls().acme().orElseThrow();
        AcmeConfig theirs =
            AcmeConfig.builder()
                .directory(nowhere)
                .domains("example.com")
                .acceptTerms(true)
                .sharedStore(stores.sharedRecords().orElseThrow(), others)
                .build();
        AcmeTestAccess.saveCertificate(theirs, AcmeTestAccess.exampleCertificate());
        try (ArmetServer server = ArmetServer.create(config).start()) {
          AcmeCertificateManager acme = server.acme().orElseThrow();
          AcmeStatus failed =
              Poll.until(
                  BOUND,
                  "the unreadable record is a failure",
                  acme::status,
                  s -> s.consecutiveFailures() >= 1);
          assertThat(failed.lastError()).contains("ARMET_SECRETS");
          assertThat(acme.attempts())
              .as("nothing ordered over the other instances' certificate")
              .isZero();
          assertThat(AcmeTestAccess.storedCertificate(theirs))
              .as("their record is intact")
              .isPresent();
          assertThat(mine.sharedStore()).isPresent();
        }
      } finally {
        SharedStores.drop(stores);
      }
    }
  }

  private ArmetServerConfig.Builder config(
      PebbleCa ca, Stores stores, Keyring keyring, int http, String name) {
    return config(ca, stores, keyring, http, name, AcmeChallengeType.HTTP_01);
  }

  private ArmetServerConfig.Builder config(
      PebbleCa ca,
      Stores stores,
      Keyring keyring,
      int http,
      String name,
      AcmeChallengeType challenge) {
    return ArmetServerConfig.builder()
        .httpsPort(0)
        .httpPort(http)
        .bindAddress("127.0.0.1")
        .environment(ArmetEnvironment.DEVELOPMENT)
        .dataDirectory(dir.resolve("data-" + name))
        .stopAtShutdown(false)
        .servlet("/app/*", new TestApp())
        .tls(
            t ->
                t.acme(
                    a ->
                        a.directory(ca.directory())
                            .caCertificate(ca.apiCertificate())
                            .domains(PebbleCa.DOMAIN)
                            .email("ops@armet.test")
                            .acceptTerms(true)
                            .challenge(challenge)
                            .sharedStore(stores.sharedRecords().orElseThrow(), keyring)
                            .leaseDuration(Duration.ofSeconds(5))
                            .pollInterval(Duration.ofSeconds(1))
                            .minimumBackoff(Duration.ofMinutes(5))
                            .maximumBackoff(Duration.ofMinutes(20))));
  }

  /**
   * The certificate {@code server} serves once ACME put one in service (fails at the first failed
   * order).
   */
  private static X509Certificate awaitServed(ArmetServer server, PebbleCa ca, Duration bound)
      throws Exception {
    AcmeCertificateManager acme = server.acme().orElseThrow();
    try {
      Poll.until(
          bound,
          "a certificate is served",
          () -> acme,
          m -> m.current().isPresent() || m.status().consecutiveFailures() > 0);
      return acme.current().orElseThrow();
    } catch (AssertionError | java.util.NoSuchElementException e) {
      throw new AssertionError(
          "no certificate: status " + acme.status() + "; pebble log:\n" + ca.log(), e);
    }
  }

  /** Of two instances, one that has not ordered (while one orders, the other). */
  private static ArmetServer notOrdering(ArmetServer[] servers) {
    int attempts = servers[0].acme().map(AcmeCertificateManager::attempts).orElse(0);
    return attempts > 0 ? servers[1] : servers[0];
  }

  /** The HTTPS port of {@code server} once it is bound (its start may still be under way). */
  private static int listeningPort(ArmetServer server) {
    Poll.until(BOUND, "the instance listens", () -> boundPort(server) > 0);
    return boundPort(server);
  }

  private static int boundPort(ArmetServer server) {
    try {
      return server.httpsPort();
    } catch (IllegalStateException e) {
      return -1; // not started yet
    }
  }

  /** Starts both from two threads released together, so both look for the lease at once. */
  private static void startTogether(ArmetServer a, ArmetServer b) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    try {
      Future<?> fa =
          pool.submit(
              () -> {
                go.await();
                return a.start();
              });
      Future<?> fb =
          pool.submit(
              () -> {
                go.await();
                return b.start();
              });
      go.countDown();
      fa.get();
      fb.get();
    } finally {
      pool.shutdownNow();
    }
  }

  /** How many certificates Pebble's log says it issued. */
  private static int issuedByPebble(PebbleCa ca) throws Exception {
    Matcher m = Pattern.compile("Issued certificate serial").matcher(ca.log());
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
