package dev.armet.audit.internal;

import dev.armet.audit.Severity;
import dev.armet.audit.TlsSummary;
import dev.armet.internal.tls.GroupProbe;
import java.io.IOException;
import java.net.IDN;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Probes a TLS endpoint with JSSE: each protocol SSLv3–TLS 1.3, every suite the server accepts (in
 * its order when it has one), key-exchange groups (over TLS 1.3 with Armet's own ClientHello, which
 * offers the post-quantum hybrids JSSE lacks: {@link TlsGroups}), ALPN, OCSP stapling and the
 * certificate, then gives a Mozilla profile verdict. What this JVM cannot offer is reported as not
 * probed.
 */
final class TlsProber {
  private static final String[] PROTOCOLS = {"SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"};
  private static final String[] GROUPS = {
    "x25519", "secp256r1", "secp384r1", "secp521r1", "x448", "ffdhe2048", "ffdhe3072", "ffdhe4096"
  };
  private static final int MAX_HANDSHAKES = 150;

  private final TlsHandshake handshake;
  private final GroupProbe groupProbe;
  private final List<String> supportedSuites;
  private final Findings findings;
  private int handshakes;

  TlsProber(
      InetSocketAddress address,
      String host,
      SSLContext anyChain,
      int timeoutMillis,
      Findings findings) {
    this.handshake = new TlsHandshake(address, host, anyChain, timeoutMillis);
    this.groupProbe = new GroupProbe(address, IDN.toASCII(host), Duration.ofMillis(timeoutMillis));
    this.supportedSuites =
        Arrays.stream(anyChain.getSupportedSSLParameters().getCipherSuites())
            .filter(s -> !s.contains("SCSV") && !s.contains("KRB5"))
            .toList();
    this.findings = findings;
  }

  TlsSummary probe(HttpProbe http, String host) throws IOException {
    List<String> protocols = new ArrayList<>();
    List<String> notProbed = new ArrayList<>();
    Map<String, List<String>> suitesByProtocol = new LinkedHashMap<>();
    TlsHandshake.Outcome any = null;
    for (String protocol : PROTOCOLS) {
      try {
        TlsHandshake.Outcome o = attempt(new String[] {protocol}, supportedSuites, null, null);
        if (o != null) {
          protocols.add(protocol);
          any = any == null || protocol.equals("TLSv1.3") || protocol.equals("TLSv1.2") ? o : any;
          suitesByProtocol.put(protocol, suites(protocol));
        }
      } catch (IllegalStateException e) {
        notProbed.add(protocol);
      }
    }
    if (any == null) {
      return TlsSummary.none();
    }
    Set<String> suites = new LinkedHashSet<>();
    suitesByProtocol.values().forEach(suites::addAll);
    String best = protocols.get(protocols.size() - 1);
    List<String> groups;
    String negotiated = null;
    if (protocols.contains("TLSv1.3")) {
      TlsGroups.Facts facts = TlsGroups.probe(groupProbe, findings);
      groups = facts.accepted();
      negotiated = facts.negotiated();
    } else {
      groups = groups(best);
    }
    String alpn = alpn(best);
    Map<String, Object> cert =
        CertificateFacts.of(
            any.session().getPeerCertificates(), host, http.chainFailure(), findings);
    if (any.stapled() == null || any.stapled().isEmpty()) {
      findings.add(
          "ocsp-not-stapled", Severity.INFO, "No OCSP response stapled", best, "certificate");
    }
    String profile = MozillaProfile.verdict(protocols, new ArrayList<>(suites));
    judge(protocols, suites, notProbed, alpn, profile);
    List<String> alpnList = alpn == null ? List.of() : List.of(alpn);
    return new TlsSummary(
        protocols, new ArrayList<>(suites), groups, cert, alpnList, profile, negotiated);
  }

  private TlsHandshake.Outcome attempt(
      String[] protocols, List<String> suites, String[] groups, String[] alpn) throws IOException {
    if (++handshakes > MAX_HANDSHAKES) {
      return null;
    }
    return handshake.attempt(protocols, suites.toArray(String[]::new), groups, alpn);
  }

  /** Accepted suites for one protocol, by offering all and removing each chosen one. */
  private List<String> suites(String protocol) throws IOException {
    List<String> offer =
        new ArrayList<>(
            supportedSuites.stream()
                .filter(s -> protocol.equals("TLSv1.3") == isTls13Suite(s))
                .toList());
    List<String> accepted = new ArrayList<>();
    while (!offer.isEmpty()) {
      TlsHandshake.Outcome o;
      try {
        o = attempt(new String[] {protocol}, offer, null, null);
      } catch (IllegalStateException e) {
        break;
      }
      if (o == null || !offer.remove(o.session().getCipherSuite())) {
        break;
      }
      accepted.add(o.session().getCipherSuite());
    }
    boolean weak = accepted.stream().anyMatch(s -> !MozillaProfile.forwardSecretAead(s));
    if (accepted.size() >= 2 && weak) {
      // Mozilla lets the client choose among strong suites; with weak ones accepted the server
      // must prefer the strong. Offer the last before the first: a server with its own order
      // still picks the first.
      List<String> reversed = List.of(accepted.get(accepted.size() - 1), accepted.get(0));
      TlsHandshake.Outcome o = attempt(new String[] {protocol}, reversed, null, null);
      if (o != null && !o.session().getCipherSuite().equals(accepted.get(0))) {
        findings.add(
            "tls-no-server-order:" + protocol,
            Severity.LOW,
            "The server lets the client pick weak suites for "
                + protocol
                + " (no server preference)",
            "offered " + reversed + ", chose " + o.session().getCipherSuite(),
            "tls");
      }
    }
    return accepted;
  }

  /** Accepted groups through JSSE, for a server without TLS 1.3 (no post-quantum group there). */
  private List<String> groups(String protocol) throws IOException {
    List<String> accepted = new ArrayList<>();
    if (!TlsHandshake.canChooseGroups()) {
      return accepted;
    }
    for (String g : GROUPS) {
      try {
        if (attempt(new String[] {protocol}, supportedSuites, new String[] {g}, null) != null) {
          accepted.add(g);
        }
      } catch (IllegalStateException | IllegalArgumentException e) {
        // this JVM does not offer the group (X25519MLKEM768 before JDK 26): not probed
      }
    }
    return accepted;
  }

  private String alpn(String protocol) throws IOException {
    TlsHandshake.Outcome o =
        attempt(new String[] {protocol}, supportedSuites, null, new String[] {"h2", "http/1.1"});
    return o == null || o.alpn() == null || o.alpn().isEmpty() ? null : o.alpn();
  }

  static boolean isTls13Suite(String s) {
    return s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20_");
  }

  private void judge(
      List<String> protocols,
      Set<String> suites,
      List<String> notProbed,
      String alpn,
      String profile) {
    if (protocols.contains("SSLv3")) {
      findings.add(
          "tls-sslv3",
          Severity.HIGH,
          "SSLv3 is accepted (POODLE)",
          "protocols " + protocols,
          "tls");
    }
    if (protocols.contains("TLSv1") || protocols.contains("TLSv1.1")) {
      findings.add(
          "tls-legacy-protocol",
          Severity.MEDIUM,
          "TLS 1.0/1.1 are accepted (deprecated by RFC 8996)",
          "protocols " + protocols,
          "tls");
    }
    if (!protocols.contains("TLSv1.3")) {
      findings.add(
          "tls13-missing", Severity.LOW, "TLS 1.3 is not offered", "protocols " + protocols, "tls");
    }
    List<String> staticRsa =
        suites.stream().filter(s -> s.startsWith("TLS_RSA_") || s.startsWith("SSL_RSA_")).toList();
    if (!staticRsa.isEmpty()) {
      findings.add(
          "tls-no-forward-secrecy",
          Severity.MEDIUM,
          "Suites without forward secrecy (static RSA key exchange)",
          String.join(", ", staticRsa),
          "tls");
    }
    List<String> broken =
        suites.stream()
            .filter(
                s ->
                    s.contains("_RC4_")
                        || s.contains("3DES")
                        || s.contains("_NULL_")
                        || s.contains("_anon_")
                        || s.contains("EXPORT")
                        || s.contains("_DES_"))
            .toList();
    if (!broken.isEmpty()) {
      findings.add(
          "tls-broken-suites",
          Severity.HIGH,
          "Broken suites accepted (RC4, 3DES, DES, NULL, anonymous, export)",
          String.join(", ", broken),
          "tls");
    }
    List<String> cbc = suites.stream().filter(s -> s.contains("_CBC_")).toList();
    if (!cbc.isEmpty()) {
      findings.add(
          "tls-cbc-suites",
          Severity.LOW,
          "CBC-mode suites accepted (Lucky13-class weaknesses)",
          String.join(", ", cbc),
          "tls");
    }
    if (!notProbed.isEmpty()) {
      findings.add(
          "tls-not-probed",
          Severity.INFO,
          "Not probed: this JVM's security settings do not offer "
              + notProbed
              + " (the armet CLI re-enables them for its own JVM)",
          "jdk.tls.disabledAlgorithms",
          "");
    }
    if (!"h2".equals(alpn)) {
      findings.add(
          "alpn-no-h2", Severity.INFO, "HTTP/2 is not offered via ALPN", "ALPN: " + alpn, "tls");
    }
    if (profile.equals("none") || profile.equals("old")) {
      findings.add(
          "tls-mozilla-profile-" + profile,
          profile.equals("none") ? Severity.HIGH : Severity.MEDIUM,
          "TLS configuration matches Mozilla's "
              + (profile.equals("none") ? "no" : "'old'")
              + " profile",
          "protocols " + protocols,
          "tls");
    }
  }

  /** All certificates as X.509 (JSSE always gives X.509 for TLS). */
  static X509Certificate[] x509(Certificate[] chain) {
    return Arrays.stream(chain).map(c -> (X509Certificate) c).toArray(X509Certificate[]::new);
  }
}
