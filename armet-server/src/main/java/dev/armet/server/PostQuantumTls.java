package dev.armet.server;

import java.security.Security;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * {@code tls.post-quantum=true}: the HTTPS connector runs on Bouncy Castle's JSSE provider, which
 * offers the hybrid group X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem; what Chrome and Firefox send
 * first), listed before the classical groups, so a recorded session cannot be decrypted later by a
 * quantum computer while clients without it still agree on X25519 or a NIST curve. The provider is
 * added after the JDK's, so nothing else in the JVM changes provider.
 */
final class PostQuantumTls {
  /** The JSSE provider's name. */
  static final String PROVIDER = "BCJSSE";

  /** Hybrid first, then the classical groups of the TLS profiles. */
  static final List<String> GROUPS = List.of("X25519MLKEM768", "x25519", "secp256r1", "secp384r1");

  private PostQuantumTls() {}

  /**
   * Registers the JSSE provider, with its own Bouncy Castle crypto instance: the JCA provider
   * itself is not registered, so key parsing and signatures elsewhere in the JVM stay the JDK's.
   */
  static synchronized void registerProviders() {
    if (Security.getProvider(PROVIDER) == null) {
      Security.addProvider(new BouncyCastleJsseProvider(new BouncyCastleProvider()));
    }
  }
}
