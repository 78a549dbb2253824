package dev.armet.internal.servlet.session;

import dev.armet.internal.session.SessionAttributes;
import dev.armet.session.Session;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import org.jspecify.annotations.Nullable;

/**
 * The Armet session seen as an {@code HttpSession}. Values must be JSON-shaped (see {@code
 * dev.armet.internal.json.Json}); {@code setAttribute} refuses anything else with a message naming
 * the attribute. {@link #getId()} is a non-secret handle, never the cookie value. Timeouts come
 * from the Armet configuration: {@link #setMaxInactiveInterval} is recorded but not applied.
 */
final class ArmetHttpSession implements HttpSession {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The request's exchange: the session is read through it (issue 18: 40 bytes, not 48). */
  private final SessionExchange exchange;

  private final ServletContext context;

  private final long accessedAt = System.currentTimeMillis();
  private @Nullable String pendingId;
  private int maxInactive = 1800;
  private boolean valid = true;

  ArmetHttpSession(SessionExchange exchange, ServletContext context) {
    this.exchange = exchange;
    this.context = context;
  }

  private Session session() {
    return exchange.session();
  }

  boolean isValid() {
    return valid;
  }

  @Override
  public long getCreationTime() {
    checkValid();
    return session().createdAt().map(Instant::toEpochMilli).orElse(accessedAt);
  }

  @Override
  public synchronized String getId() {
    return session()
        .handle()
        .orElseGet(
            () -> {
              if (pendingId == null) {
                // Not stored yet: a random label for logs, unrelated to the id the cookie will
                // carry.
                byte[] b = new byte[16];
                RANDOM.nextBytes(b);
                pendingId = "new-" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
              }
              return pendingId;
            });
  }

  @Override
  public long getLastAccessedTime() {
    checkValid();
    return accessedAt;
  }

  @Override
  public ServletContext getServletContext() {
    return context;
  }

  @Override
  public void setMaxInactiveInterval(int interval) {
    maxInactive = interval;
  }

  @Override
  public int getMaxInactiveInterval() {
    return maxInactive;
  }

  @Override
  public @Nullable Object getAttribute(String name) {
    checkValid();
    return SessionAttributes.get(session(), name); // no Optional per read (issue 18)
  }

  @Override
  public Enumeration<String> getAttributeNames() {
    checkValid();
    return Collections.enumeration(session().names());
  }

  @Override
  public void setAttribute(String name, Object value) {
    checkWritable();
    session().set(name, value);
  }

  @Override
  public void removeAttribute(String name) {
    checkWritable();
    session().remove(name);
  }

  @Override
  public void invalidate() {
    checkWritable();
    valid = false;
    session().invalidate();
  }

  @Override
  public boolean isNew() {
    checkValid();
    return session().isNew();
  }

  private void checkValid() {
    if (!valid) {
      throw new IllegalStateException("this session was invalidated");
    }
  }

  private void checkWritable() {
    checkValid();
    if (exchange.isCommitted()) {
      throw new IllegalStateException(
          "the session was already committed with the response;"
              + " change it before writing the body");
    }
  }
}
