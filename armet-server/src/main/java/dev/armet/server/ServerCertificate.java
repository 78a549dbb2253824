package dev.armet.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * A certificate chain (leaf first) and its private key, read from PEM files or PKCS#12, and checked
 * to belong together: a renewal caught half-written must not replace a working pair.
 */
record ServerCertificate(List<X509Certificate> chain, PrivateKey key) {
  ServerCertificate {
    chain = List.copyOf(chain);
  }

  X509Certificate leaf() {
    return chain.get(0);
  }

  /** Loads the certificate {@code tls} names; it must have one. */
  static ServerCertificate load(TlsConfig tls) throws IOException {
    ServerCertificate loaded =
        tls.keyStore().isPresent()
            ? fromPkcs12(tls.keyStore().get(), tls.keyStorePassword())
            : fromPem(tls.certificateChain().orElseThrow(), tls.privateKey().orElseThrow());
    loaded.checkKeyMatches();
    return loaded;
  }

  static ServerCertificate fromPem(Path fullchain, Path keyFile) throws IOException {
    List<X509Certificate> chain = new ArrayList<>();
    try (InputStream in = Files.newInputStream(fullchain)) {
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        chain.add((X509Certificate) c);
      }
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IOException(
          "tls.certificate " + fullchain + " is not a PEM certificate chain: " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new IOException("tls.certificate " + fullchain + " holds no certificate");
    }
    return new ServerCertificate(chain, readKey(keyFile));
  }

  /**
   * PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE
   * KEY}).
   */
  static PrivateKey readKey(Path keyFile) throws IOException {
    Object parsed;
    try (Reader in = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII);
        PEMParser pem = new PEMParser(in)) {
      parsed = pem.readObject();
      while (parsed != null
          && !(parsed instanceof PEMKeyPair
              || parsed instanceof PrivateKeyInfo
              || parsed instanceof PEMEncryptedKeyPair
              || parsed instanceof PKCS8EncryptedPrivateKeyInfo)) {
        parsed = pem.readObject(); // skip EC PARAMETERS blocks that openssl ecparam writes first
      }
    } catch (IOException | RuntimeException e) {
      // Never echo the file's content: it is a private key.
      throw new IOException("tls.private-key " + keyFile + " is not a readable PEM private key", e);
    }
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    if (parsed instanceof PEMKeyPair pair) {
      // Not getKeyPair: a SEC1 key may omit its public half.
      return converter.getPrivateKey(pair.getPrivateKeyInfo());
    }
    if (parsed instanceof PrivateKeyInfo info) {
      return converter.getPrivateKey(info);
    }
    if (parsed != null) {
      throw new IOException(
          "tls.private-key "
              + keyFile
              + " is encrypted; the server reads unencrypted keys "
              + "(protect the file with mode 0600 instead, or use tls.keystore with a password)");
    }
    throw new IOException("tls.private-key " + keyFile + " holds no private key");
  }

  static ServerCertificate fromPkcs12(Path file, char[] password) throws IOException {
    KeyStore store;
    try (InputStream in = Files.newInputStream(file)) {
      store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
    } catch (IOException | GeneralSecurityException e) {
      java.util.Arrays.fill(password, '\0');
      throw new IOException(
          "tls.keystore "
              + file
              + " cannot be read (wrong tls.keystore-password?): "
              + e.getClass().getSimpleName(),
          e);
    }
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          Key key = store.getKey(alias, password);
          List<X509Certificate> chain = new ArrayList<>();
          for (Certificate c : store.getCertificateChain(alias)) {
            chain.add((X509Certificate) c);
          }
          return new ServerCertificate(chain, (PrivateKey) key);
        }
      }
      throw new IOException("tls.keystore " + file + " holds no private key entry");
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IOException(
          "tls.keystore "
              + file
              + " cannot be read (wrong tls.keystore-password?): "
              + e.getClass().getSimpleName(),
          e);
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
  }

  /** Signs a random challenge with the key and verifies it with the leaf's public key. */
  void checkKeyMatches() throws IOException {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "Ed25519", "EdDSA" -> "Ed25519";
          case "RSASSA-PSS" -> "RSASSA-PSS";
          default ->
              throw new IOException("unsupported private key algorithm " + key.getAlgorithm());
        };
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature sign = Signature.getInstance(algorithm);
      if (algorithm.equals("RSASSA-PSS")) {
        sign.setParameter(
            new java.security.spec.PSSParameterSpec(
                "SHA-256", "MGF1", java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
      }
      sign.initSign(key);
      sign.update(challenge);
      byte[] signature = sign.sign();
      sign.initVerify(leaf().getPublicKey());
      sign.update(challenge);
      if (!sign.verify(signature)) {
        throw new IOException(
            "the private key does not belong to the certificate "
                + leaf().getSubjectX500Principal());
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "the private key does not belong to the certificate "
              + leaf().getSubjectX500Principal()
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    }
  }

  /** Whether this is Armet's own self-signed development certificate. */
  boolean isDevelopmentCertificate() {
    return leaf().getSubjectX500Principal().getName().contains(DevelopmentCertificate.ORGANIZATION);
  }
}
