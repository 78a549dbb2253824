package dev.armet.internal.server.acme;

import dev.armet.spi.SharedRecordStore;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pending HTTP-01 answers in the shared store, so that whichever instance the load balancer
 * sends the CA's validation request to can answer it, not only the one ordering. One record holds
 * the ordering instance's pending tokens (only the lease holder orders, so there is one writer); an
 * answer is public by design (RFC 8555 §8.3), so the record is not sealed.
 *
 * <p>Reads are cached for half a second: a flood of requests to {@code
 * /.well-known/acme-challenge/} costs the store at most two reads a second per instance.
 */
final class SharedChallenges {
  private static final Logger LOG = LoggerFactory.getLogger("armet.server.acme");
  private static final long CACHE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final SharedRecordStore records;
  private final String key;
  private Properties cached = new Properties();
  private long cachedAt;
  private boolean loaded;

  SharedChallenges(SharedRecordStore records, String key) {
    this.records = records;
    this.key = key;
  }

  /** Publishes exactly {@code pending} (token to key authorization) for every instance. */
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
          "cannot share the pending HTTP-01 answers: {}; only this instance answers them",
          e.getMessage());
    }
  }

  /** The key authorization for {@code token} that some instance published, or null. */
  synchronized String answer(String token) {
    if (!loaded || System.nanoTime() - cachedAt > CACHE_NANOS) {
      try {
        Properties p = new Properties();
        records.read(key).ifPresent(r -> load(p, r.value()));
        cached = p;
      } catch (RuntimeException e) {
        LOG.debug("cannot read the shared HTTP-01 answers", e);
      }
      cachedAt = System.nanoTime();
      loaded = true;
    }
    return cached.getProperty(token);
  }

  private static void load(Properties p, byte[] value) {
    try {
      p.load(new StringReader(new String(value, StandardCharsets.UTF_8)));
    } catch (IOException | IllegalArgumentException e) {
      p.clear(); // not a properties text: no answers
    }
  }
}
