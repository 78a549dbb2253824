package dev.armet.event;

import dev.armet.internal.event.LogText;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A structured record of a security-relevant decision: a refused request, a CSP violation report, a
 * tampered cookie. Events carry facts for operators and never secrets; the client only ever sees an
 * opaque answer.
 *
 * <p>Every event has the common fields of {@code docs/EVENTS.md}: its time, its name (from the
 * OWASP Logging Vocabulary where one exists, e.g. {@code authn_login_fail}), its level, and the
 * request's source address and URI when it happened during a request (taken from {@link
 * SecurityEventContext} when the event is created, or given with {@link #request}); then its own
 * fields, in the order they were added.
 *
 * <pre>{@code
 * sink.record(SecurityEvent.of("csp_violation")
 *     .with("directive", "script-src-elem").with("blocked", "inline"));
 * }</pre>
 */
public final class SecurityEvent {
  private final String type;
  private final Instant time;
  private final Map<String, Object> fields;
  private final System.Logger.Level level;
  private final @Nullable String sourceAddress;
  private final @Nullable String requestUri;

  private SecurityEvent(
      String type,
      Instant time,
      Map<String, Object> fields,
      System.Logger.Level level,
      @Nullable String sourceAddress,
      @Nullable String requestUri) {
    this.type = type;
    this.time = time;
    this.fields = fields;
    this.level = level;
    this.sourceAddress = sourceAddress;
    this.requestUri = requestUri;
  }

  /**
   * A new event named {@code type}, e.g. {@code session_tampered}, at the level {@code
   * docs/EVENTS.md} gives that name (WARNING for a name it does not list), with the source address
   * and request URI of the current {@link SecurityEventContext}, if any.
   */
  public static SecurityEvent of(String type) {
    Objects.requireNonNull(type, "type");
    SecurityEventContext.Request request = SecurityEventContext.current();
    return new SecurityEvent(
        type,
        Instant.now(),
        Collections.emptyMap(),
        EventLevels.of(type),
        request == null ? null : request.sourceAddress,
        request == null ? null : request.requestUri);
  }

  /** A copy with one more field; a null value is recorded as absent. */
  public SecurityEvent with(String key, @Nullable Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(fields);
    if (value != null) {
      copy.put(key, value);
    }
    return new SecurityEvent(
        type, time, Collections.unmodifiableMap(copy), level, sourceAddress, requestUri);
  }

  /** A copy at another level (the default is the one {@code docs/EVENTS.md} gives the name). */
  public SecurityEvent level(System.Logger.Level level) {
    return new SecurityEvent(
        type, time, fields, Objects.requireNonNull(level, "level"), sourceAddress, requestUri);
  }

  /**
   * A copy that names the request it happened in: the client's address (after trusted proxies) and
   * the request URI's path (never the query string, which may hold a token). Null clears.
   */
  public SecurityEvent request(@Nullable String sourceAddress, @Nullable String requestUri) {
    return new SecurityEvent(type, time, fields, level, sourceAddress, requestUri);
  }

  /** The event's name, e.g. {@code malicious_csrf}. */
  public String type() {
    return type;
  }

  public Instant time() {
    return time;
  }

  /** How serious: INFO for the normal course, WARNING for a sign of attack, ERROR for an outage. */
  public System.Logger.Level level() {
    return level;
  }

  /** The client's address when the event happened during a request. */
  public Optional<String> sourceAddress() {
    return Optional.ofNullable(sourceAddress);
  }

  /** The request's path (without query string) when the event happened during a request. */
  public Optional<String> requestUri() {
    return Optional.ofNullable(requestUri);
  }

  /** The fields, in the order they were added. */
  public Map<String, Object> fields() {
    return fields;
  }

  /**
   * {@code type key=value …}, values quoted and escaped ({@link LogText}) so one event is one log
   * line. The full line with the common fields is {@link SecurityEventFormat#TEXT}.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(type);
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      out.append(' ').append(e.getKey()).append('=');
      LogText.appendQuoted(String.valueOf(e.getValue()), out);
    }
    return out.toString();
  }
}
