package dev.armet.internal.server.acme;

import dev.armet.server.PemFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The plaintext of the shared records: a certificate as properties ({@code chain} in PEM, leaf
 * first; {@code key} PKCS#8 PEM; the ARI window), an account key as PKCS#8 and SPKI PEM. Any parse
 * failure is an {@link UnreadableRecordException} that may be replaced, naming the record and never
 * its contents.
 */
final class CertificateRecord {
  private CertificateRecord() {}

  /** The chain as PEM, leaf first. */
  static String chainPem(StoredCertificate certificate) throws IOException {
    StringBuilder chain = new StringBuilder();
    try {
      for (X509Certificate c : certificate.chain()) {
        chain.append(PemFiles.encode("CERTIFICATE", c.getEncoded()));
      }
    } catch (CertificateEncodingException e) {
      throw new IOException("cannot encode the issued certificate", e);
    }
    return chain.toString();
  }

  static byte[] encode(StoredCertificate certificate) throws IOException {
    Properties p = new Properties();
    p.setProperty("chain", chainPem(certificate));
    p.setProperty("key", PemFiles.encode("PRIVATE KEY", certificate.key().getEncoded()));
    p.setProperty("key-algorithm", certificate.key().getAlgorithm());
    if (certificate.renewalWindowStart() != null) {
      p.setProperty("window-start", certificate.renewalWindowStart().toString());
      p.setProperty("window-end", certificate.renewalWindowEnd().toString());
    }
    StringWriter text = new StringWriter();
    p.store(text, null);
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  static StoredCertificate decode(String name, byte[] bytes) throws UnreadableRecordException {
    try {
      Properties p = new Properties();
      p.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate c :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(
                      p.getProperty("chain", "").getBytes(StandardCharsets.US_ASCII)))) {
        chain.add((X509Certificate) c);
      }
      byte[] der = PemFiles.decode("PRIVATE KEY", p.getProperty("key", ""));
      PrivateKey key =
          KeyFactory.getInstance(p.getProperty("key-algorithm", "EC"))
              .generatePrivate(new PKCS8EncodedKeySpec(der));
      String start = p.getProperty("window-start");
      String end = p.getProperty("window-end");
      return new StoredCertificate(
          chain,
          key,
          start == null ? null : Instant.parse(start),
          end == null ? null : Instant.parse(end));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new UnreadableRecordException(
          "the shared ACME record '"
              + name
              + "' does not hold a certificate and "
              + "key ("
              + e.getClass().getSimpleName()
              + "); it is replaced",
          true);
    }
  }

  static byte[] encode(KeyPair account) {
    return (PemFiles.encode("PRIVATE KEY", account.getPrivate().getEncoded())
            + PemFiles.encode("PUBLIC KEY", account.getPublic().getEncoded()))
        .getBytes(StandardCharsets.US_ASCII);
  }

  static KeyPair decodeAccount(String name, byte[] bytes) throws UnreadableRecordException {
    try {
      String pem = new String(bytes, StandardCharsets.US_ASCII);
      KeyFactory ec = KeyFactory.getInstance("EC");
      return new KeyPair(
          ec.generatePublic(new X509EncodedKeySpec(PemFiles.decode("PUBLIC KEY", pem))),
          ec.generatePrivate(new PKCS8EncodedKeySpec(PemFiles.decode("PRIVATE KEY", pem))));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new UnreadableRecordException(
          "the shared ACME record '"
              + name
              + "' does not hold an account key ("
              + e.getClass().getSimpleName()
              + "); a new account is made",
          true);
    }
  }
}
