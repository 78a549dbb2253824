package dev.armet.audit.internal;

import java.util.List;

/**
 * Mozilla's server-side TLS profiles (wiki.mozilla.org/Security/Server_Side_TLS, version 5.7):
 * modern is TLS 1.3 only; intermediate is TLS 1.2 and 1.3 with forward-secret AEAD suites; old
 * admits TLS 1.0/1.1 and CBC; anything with SSLv3 or broken suites fits none.
 */
final class MozillaProfile {
  private MozillaProfile() {}

  static String verdict(List<String> protocols, List<String> suites) {
    if (protocols.isEmpty()
        || protocols.contains("SSLv3")
        || suites.stream()
            .anyMatch(
                s ->
                    s.contains("_RC4_")
                        || s.contains("_NULL_")
                        || s.contains("_anon_")
                        || s.contains("EXPORT")
                        || s.contains("_DES_"))) {
      return "none";
    }
    if (protocols.equals(List.of("TLSv1.3"))) {
      return "modern";
    }
    boolean onlyModernProtocols =
        protocols.stream().allMatch(p -> p.equals("TLSv1.2") || p.equals("TLSv1.3"));
    boolean fsAead = suites.stream().allMatch(MozillaProfile::forwardSecretAead);
    return onlyModernProtocols && fsAead ? "intermediate" : "old";
  }

  /** A TLS 1.3 suite, or an ECDHE/DHE suite with GCM or ChaCha20-Poly1305. */
  static boolean forwardSecretAead(String s) {
    return TlsProber.isTls13Suite(s)
        || ((s.startsWith("TLS_ECDHE_") || s.startsWith("TLS_DHE_"))
            && (s.contains("_GCM_") || s.contains("CHACHA20")));
  }
}
