package dev.armet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Certificates as certbot and openssl write them, and the ways a renewal can be broken. */
class ServerCertificateTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(TestCertificates.KeyFormat.class)
  void pemFiles_inEveryKeyEncoding_load(TestCertificates.KeyFormat format) throws Exception {
    TestCertificates.Issued issued =
        TestCertificates.issue(
            TestCertificates.ca(), dir, "site.test", format, Duration.ofDays(30));
    ServerCertificate cert =
        ServerCertificate.load(
            TlsConfig.builder().certificate(issued.fullchain(), issued.privateKey()).build());
    assertThat(cert.chain()).hasSize(2);
    assertThat(cert.leaf()).isEqualTo(issued.leaf());
  }

  @Test
  void pkcs12_loads_andAWrongPasswordIsNamed() throws Exception {
    TestCertificates.Issued issued = TestCertificates.localhost(dir);
    ServerCertificate pem = ServerCertificate.fromPem(issued.fullchain(), issued.privateKey());
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "site", pem.key(), "pw".toCharArray(), pem.chain().toArray(X509Certificate[]::new));
    Path p12 = dir.resolve("site.p12");
    try (OutputStream out = Files.newOutputStream(p12)) {
      store.store(out, "pw".toCharArray());
    }
    assertThat(
            ServerCertificate.load(TlsConfig.builder().keyStore(p12, "pw".toCharArray()).build())
                .leaf())
        .isEqualTo(issued.leaf());
    assertThatThrownBy(
            () ->
                ServerCertificate.load(
                    TlsConfig.builder().keyStore(p12, "no".toCharArray()).build()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("tls.keystore-password")
        .hasMessageNotContaining("no'");
  }

  @Test
  void keyOfAnotherCertificate_isRefused() throws Exception {
    TestCertificates.Ca ca = TestCertificates.ca();
    TestCertificates.Issued a =
        TestCertificates.issue(
            ca,
            dir.resolve("a"),
            "a.test",
            TestCertificates.KeyFormat.PKCS8_EC,
            Duration.ofDays(30));
    TestCertificates.Issued b =
        TestCertificates.issue(
            ca,
            dir.resolve("b"),
            "b.test",
            TestCertificates.KeyFormat.PKCS8_EC,
            Duration.ofDays(30));
    assertThatThrownBy(
            () ->
                ServerCertificate.load(
                    TlsConfig.builder().certificate(a.fullchain(), b.privateKey()).build()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("does not belong")
        .hasMessageContaining("a.test");
  }

  @Test
  void brokenKeyFile_isRefusedWithoutEchoingIt() throws Exception {
    TestCertificates.Issued issued = TestCertificates.localhost(dir);
    Files.writeString(
        issued.privateKey(),
        "-----BEGIN PRIVATE KEY-----\nc2VjcmV0IGtleSBtYXRlcmlhbA==\n-----END PRIVATE KEY-----\n");
    assertThatThrownBy(() -> ServerCertificate.fromPem(issued.fullchain(), issued.privateKey()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("tls.private-key")
        .hasMessageNotContaining("c2Vj");
    Files.writeString(issued.fullchain(), "not a certificate");
    assertThatThrownBy(() -> ServerCertificate.fromPem(issued.fullchain(), issued.privateKey()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("tls.certificate");
  }

  @Test
  void encryptedKey_isRefusedWithTheFix() throws Exception {
    TestCertificates.Issued issued = TestCertificates.localhost(dir);
    Files.writeString(
        issued.privateKey(),
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
            + "MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAhxYWxxYWxxYQICCAAwDAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEAAAAAAAAAAAAAAAAAAAAAAEQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
            + "-----END ENCRYPTED PRIVATE KEY-----\n");
    assertThatThrownBy(() -> ServerCertificate.readKey(issued.privateKey()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("encrypted");
  }
}
