package dev.armet.audit.internal;

import dev.armet.audit.Severity;
import dev.armet.internal.tls.GroupAnswer;
import dev.armet.internal.tls.GroupProbe;
import dev.armet.internal.tls.NamedGroups;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The key-exchange groups of a TLS 1.3 server, learnt with Armet's own ClientHello rather than
 * JSSE's (which cannot offer the post-quantum hybrids on JDK 17–25): each known group offered
 * alone, then a browser's list for the one the server prefers. A server without a hybrid is a
 * finding.
 */
final class TlsGroups {
  /** What the probe learnt. */
  record Facts(List<String> accepted, @Nullable String negotiated, String answer) {}

  private TlsGroups() {}

  static Facts probe(GroupProbe probe, Findings findings) throws IOException {
    List<String> accepted =
        probe.accepted(NamedGroups.KNOWN).stream().map(NamedGroups::name).toList();
    GroupAnswer browser = probe.offer(NamedGroups.BROWSER);
    String negotiated = browser.isSelected() ? NamedGroups.name(browser.group()) : null;
    boolean hybrid =
        NamedGroups.KNOWN.stream()
            .filter(NamedGroups::isPostQuantumHybrid)
            .map(NamedGroups::name)
            .anyMatch(accepted::contains);
    if (!hybrid) {
      findings.add(
          "tls-no-post-quantum",
          Severity.INFO,
          "TLS 1.3 without a post-quantum hybrid key exchange (X25519MLKEM768)",
          "a browser offering "
              + names(NamedGroups.BROWSER)
              + " gets "
              + (negotiated != null ? negotiated : browser.toString())
              + "; accepted groups "
              + accepted,
          "post-quantum");
    }
    return new Facts(accepted, negotiated, browser.toString());
  }

  static String names(List<Integer> groups) {
    return String.join(", ", groups.stream().map(NamedGroups::name).toList());
  }
}
