package dev.armet.internal.server.acme;

import dev.armet.spi.SharedRecordStore;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pending answers of one challenge type in the shared store, so that whichever instance the
 * load balancer sends the CA's validation request to can answer it, not only the one ordering: for
 * HTTP-01 token to key authorization, for TLS-ALPN-01 domain to validation value (see {@link
 * SharedAlpnAnswers}). One record holds the ordering instance's pending answers (only the lease
 * holder orders, so there is one writer); an answer is public by design (RFC 8555 §8.3), so the
 * record is not sealed.
 *
 * <p>Reads are cached for half a second: a flood of requests to {@code
 * /.well-known/acme-challenge/} or of {@code acme-tls/1} handshakes costs the store at most two
 * reads a second per instance. A record that is not a set of answers, or a store that cannot be
 * read, gives no answers and is logged once until it reads again.
 */
final class SharedChallenges {
  private static final Logger LOG = LoggerFactory.getLogger("armet.server.acme");
  private static final long CACHE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  // Tokens, key authorizations, domains and validation values are all made of these.
  private static final Pattern ANSWER = Pattern.compile("[A-Za-z0-9._-]{1,512}");

  private final SharedRecordStore records;
  private final String key;
  private final String challenge;
  private Properties cached = new Properties();
  private long cachedAt;
  private boolean loaded;
  private boolean reported;

  /**
   * @param challenge the challenge type in log lines, {@code HTTP-01} or {@code TLS-ALPN-01}
   */
  SharedChallenges(SharedRecordStore records, String key, String challenge) {
    this.records = records;
    this.key = key;
    this.challenge = challenge;
  }

  /** Publishes exactly {@code pending} (token or domain to answer) for every instance. */
  synchronized void publish(Map<String, String> pending) {
    Properties p = new Properties();
    p.putAll(pending);
    StringWriter text = new StringWriter();
    try {
      p.store(text, null);
      records.write(key, text.toString().getBytes(StandardCharsets.UTF_8), null);
      cached = p;
      cachedAt = System.nanoTime();
      loaded = true;
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "cannot share the pending {} answers: {}; only this instance answers them",
          challenge,
          e.getMessage());
    }
  }

  /** The answer for {@code name} (a token or a domain) that some instance published, or null. */
  synchronized String answer(String name) {
    if (!loaded || System.nanoTime() - cachedAt > CACHE_NANOS) {
      try {
        Properties p = new Properties();
        boolean readable = records.read(key).map(r -> load(p, r.value())).orElse(true);
        cached = p;
        if (readable) {
          reported = false;
        } else {
          reportOnce("the shared {} answers ({}) are not a record of answers; ignoring them", key);
        }
      } catch (RuntimeException e) {
        // keep the answers last read: they were pending a moment ago
        reportOnce("cannot read the shared {} answers: {}", e.getMessage());
      }
      cachedAt = System.nanoTime();
      loaded = true;
    }
    return cached.getProperty(name);
  }

  private void reportOnce(String message, String detail) {
    if (!reported) {
      reported = true;
      LOG.warn(message, challenge, detail);
    }
  }

  /** Reads {@code value} into {@code p}: false, and no answers, if it is not a set of answers. */
  private static boolean load(Properties p, byte[] value) {
    try {
      p.load(new StringReader(new String(value, StandardCharsets.UTF_8)));
      if (p.entrySet().stream()
          .allMatch(
              e ->
                  ANSWER.matcher(e.getKey().toString()).matches()
                      && ANSWER.matcher(e.getValue().toString()).matches())) {
        return true;
      }
    } catch (IOException | IllegalArgumentException e) {
      // not a properties text
    }
    p.clear();
    return false;
  }
}
