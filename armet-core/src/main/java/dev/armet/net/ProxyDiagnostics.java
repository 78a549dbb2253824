package dev.armet.net;

import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Says once, clearly, when the proxy setup looks wrong, instead of letting every user silently
 * share the load balancer's address (the classic rate-limit-everyone bug).
 */
final class ProxyDiagnostics {
  static final String UNTRUSTED_HEADER = "sys_proxy_untrusted_header";
  static final String ONE_ADDRESS = "sys_proxy_single_client";
  static final String MALFORMED = "malicious_forwarded";

  private final SecurityEventSink events;
  private final int sample;
  private final AtomicBoolean untrustedReported = new AtomicBoolean();
  private final AtomicReference<String> first = new AtomicReference<>();
  private final AtomicLong sameCount = new AtomicLong();
  private volatile boolean settled;

  ProxyDiagnostics(SecurityEventSink events, int sample) {
    this.events = events;
    this.sample = sample;
  }

  /** A request carried a forwarding header, but its peer is not a trusted proxy. */
  void untrustedPeerSentHeader(String peer, String header) {
    if (untrustedReported.compareAndSet(false, true)) {
      events.record(
          SecurityEvent.of(UNTRUSTED_HEADER)
              .with("peer", peer)
              .with("header", header)
              .with(
                  "fix",
                  "if "
                      + peer
                      + " is your proxy or load balancer, add it with "
                      + "ClientAddressResolver.builder().trustedProxies(\""
                      + peer
                      + "\") (or a CIDR range);"
                      + " until then every client is keyed by the proxy's address and the header is ignored"));
    }
  }

  /**
   * A trusted proxy sent a forwarding value that is not understood ({@code for=unknown}, {@code
   * not-an-ip}, {@code X-Forwarded-Proto: ftp}); it was dropped for {@code fallback}. Recorded
   * every time (the sink is a gate): a proxy misconfiguration, or a client header the proxy passed
   * through.
   */
  void malformed(String peer, Hop hop, String fallback) {
    events.record(
        SecurityEvent.of(MALFORMED)
            .with("peer", peer)
            .with("header", hop.badHeader)
            .with("value", hop.badValue)
            .with("fallback", fallback));
  }

  /** Counts resolved addresses; after {@code sample} requests all from one address, warns once. */
  void observe(String client, boolean loopback) {
    if (settled) {
      return;
    }
    String seen = first.get();
    if (seen == null && first.compareAndSet(null, client)) {
      seen = client;
    } else if (seen == null) {
      seen = first.get();
    }
    if (!client.equals(seen)) {
      settled = true;
      return;
    }
    if (sameCount.incrementAndGet() == sample) {
      settled = true;
      if (!loopback) { // development on localhost legitimately has one client
        events.record(
            SecurityEvent.of(ONE_ADDRESS)
                .with("address", client)
                .with("requests", sample)
                .with(
                    "fix",
                    "every request seems to come from "
                        + client
                        + "; if that is a proxy, "
                        + "trust it with ClientAddressResolver.builder().trustedProxies(…) or trustedHops(n)"));
      }
    }
  }
}
