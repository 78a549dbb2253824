package dev.armet.audit;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the TLS probe found. Empty lists when the target is plain HTTP.
 *
 * @param protocols accepted protocol versions ({@code TLSv1.3}, …)
 * @param suites accepted cipher suites, in the server's order of preference where it has one
 * @param groups accepted key-exchange groups (over TLS 1.3 each offered alone, post-quantum hybrids
 *     such as {@code X25519MLKEM768} included)
 * @param certificate facts about the leaf certificate (subject, issuer, notAfter, keyType, keyBits,
 *     signature, trusted, hostnameMatches, selfSigned, daysLeft)
 * @param alpn the protocols the server selected via ALPN ({@code h2}, {@code http/1.1})
 * @param mozillaProfile {@code modern}, {@code intermediate}, {@code old} or {@code none}
 * @param negotiatedGroup the group the server selects over TLS 1.3 from a browser's offer
 *     (X25519MLKEM768, x25519, secp256r1, secp384r1); null without TLS 1.3 or an answer
 */
public record TlsSummary(
    List<String> protocols,
    List<String> suites,
    List<String> groups,
    Map<String, Object> certificate,
    List<String> alpn,
    String mozillaProfile,
    @Nullable String negotiatedGroup) {
  public TlsSummary {
    protocols = List.copyOf(protocols);
    suites = List.copyOf(suites);
    groups = List.copyOf(groups);
    certificate = Map.copyOf(certificate);
    alpn = List.copyOf(alpn);
  }

  /** A summary without a negotiated group (the constructor before it was reported). */
  public TlsSummary(
      List<String> protocols,
      List<String> suites,
      List<String> groups,
      Map<String, Object> certificate,
      List<String> alpn,
      String mozillaProfile) {
    this(protocols, suites, groups, certificate, alpn, mozillaProfile, null);
  }

  /** The summary of a plain-HTTP target. */
  public static TlsSummary none() {
    return new TlsSummary(List.of(), List.of(), List.of(), Map.of(), List.of(), "none", null);
  }
}
