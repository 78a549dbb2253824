package dev.armet.audit.internal;

import dev.armet.audit.Severity;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The leaf certificate's facts for the report, and the findings they imply. */
final class CertificateFacts {
  private CertificateFacts() {}

  static Map<String, Object> of(
      Certificate[] chain, String host, String chainFailure, Findings findings) {
    X509Certificate[] certs = TlsProber.x509(chain);
    X509Certificate leaf = certs[0];
    Map<String, Object> facts = new LinkedHashMap<>();
    long daysLeft = Duration.between(Instant.now(), leaf.getNotAfter().toInstant()).toDays();
    boolean selfSigned = leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal());
    boolean hostMatches = matches(leaf, host);
    String keyType = leaf.getPublicKey().getAlgorithm();
    int bits =
        leaf.getPublicKey() instanceof RSAKey r
            ? r.getModulus().bitLength()
            : leaf.getPublicKey() instanceof ECKey e ? e.getParams().getOrder().bitLength() : 0;
    facts.put("subject", leaf.getSubjectX500Principal().getName());
    facts.put("issuer", leaf.getIssuerX500Principal().getName());
    facts.put("notAfter", leaf.getNotAfter().toInstant().toString());
    facts.put("daysLeft", daysLeft);
    facts.put("keyType", keyType);
    facts.put("keyBits", bits);
    facts.put("signature", leaf.getSigAlgName());
    facts.put("chainLength", certs.length);
    facts.put("selfSigned", selfSigned);
    facts.put("trusted", chainFailure == null);
    facts.put("hostnameMatches", hostMatches);
    String evidence =
        "subject "
            + facts.get("subject")
            + ", issuer "
            + facts.get("issuer")
            + ", notAfter "
            + facts.get("notAfter");
    if (chainFailure != null) {
      findings.add(
          "certificate-untrusted",
          Severity.HIGH,
          selfSigned
              ? "Self-signed certificate: browsers refuse it"
              : "The certificate chain does not validate",
          chainFailure + "; " + evidence,
          "certificate");
    }
    if (daysLeft < 0) {
      findings.add(
          "certificate-expired",
          Severity.CRITICAL,
          "The certificate has expired",
          evidence,
          "certificate");
    } else if (daysLeft < 14) {
      findings.add(
          "certificate-expiring",
          Severity.MEDIUM,
          "The certificate expires in " + daysLeft + " days",
          evidence,
          "certificate");
    }
    if (!hostMatches) {
      findings.add(
          "certificate-hostname-mismatch",
          Severity.HIGH,
          "The certificate does not name " + host,
          evidence,
          "certificate");
    }
    if (keyType.equals("RSA") && bits < 2048 || keyType.equals("EC") && bits < 256) {
      findings.add(
          "certificate-weak-key",
          Severity.HIGH,
          "Weak certificate key: " + keyType + " " + bits + " bits",
          evidence,
          "certificate");
    }
    if (leaf.getSigAlgName().toUpperCase(Locale.ROOT).contains("SHA1")
        || leaf.getSigAlgName().toUpperCase(Locale.ROOT).contains("MD5")) {
      findings.add(
          "certificate-weak-signature",
          Severity.MEDIUM,
          "Certificate signed with " + leaf.getSigAlgName(),
          evidence,
          "certificate");
    }
    return facts;
  }

  /** RFC 6125 matching: SAN dNSName (one leftmost wildcard label) or iPAddress. */
  static boolean matches(X509Certificate cert, String host) {
    String h = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|\\]$", "");
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans == null) {
        return false;
      }
      for (List<?> san : sans) {
        int type = (Integer) san.get(0);
        String value = String.valueOf(san.get(1)).toLowerCase(Locale.ROOT);
        if (type == 7 && HttpProbe.isIpLiteral(h) && sameAddress(value, h)) {
          return true;
        }
        if (type == 2
            && !HttpProbe.isIpLiteral(h)
            && (value.equals(h)
                || (value.startsWith("*.")
                    && h.endsWith(value.substring(1))
                    && h.indexOf('.') == h.length() - value.length() + 1))) {
          return true;
        }
      }
    } catch (CertificateParsingException e) {
      return false;
    }
    return false;
  }

  private static boolean sameAddress(String a, String b) {
    try {
      return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
