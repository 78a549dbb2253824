package dev.armet.audit;

import java.util.List;
import java.util.Map;

/**
 * What the TLS probe found. Empty lists when the target is plain HTTP.
 *
 * @param protocols accepted protocol versions ({@code TLSv1.3}, …)
 * @param suites accepted cipher suites, in the server's order of preference where it has one
 * @param groups accepted key-exchange groups
 * @param certificate facts about the leaf certificate (subject, issuer, notAfter, keyType, keyBits,
 *     signature, trusted, hostnameMatches, selfSigned, daysLeft)
 * @param alpn the protocols the server selected via ALPN ({@code h2}, {@code http/1.1})
 * @param mozillaProfile {@code modern}, {@code intermediate}, {@code old} or {@code none}
 */
public record TlsSummary(
    List<String> protocols,
    List<String> suites,
    List<String> groups,
    Map<String, Object> certificate,
    List<String> alpn,
    String mozillaProfile) {
  public TlsSummary {
    protocols = List.copyOf(protocols);
    suites = List.copyOf(suites);
    groups = List.copyOf(groups);
    certificate = Map.copyOf(certificate);
    alpn = List.copyOf(alpn);
  }

  /** The summary of a plain-HTTP target. */
  public static TlsSummary none() {
    return new TlsSummary(List.of(), List.of(), List.of(), Map.of(), List.of(), "none");
  }
}
