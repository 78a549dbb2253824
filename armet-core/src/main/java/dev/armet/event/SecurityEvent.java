package dev.armet.event;

import dev.armet.internal.event.LogText;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A structured record of a security-relevant decision: a refused request, a CSP violation
 * report, a tampered cookie. Events carry facts for operators and never secrets; the client
 * only ever sees an opaque answer.
 *
 * <pre>{@code
 * sink.record(SecurityEvent.of("csp.violation")
 *     .with("directive", "script-src-elem").with("blocked", "inline"));
 * }</pre>
 */
public final class SecurityEvent {
  private final String type;
  private final Instant time;
  private final Map<String, Object> fields;

  private SecurityEvent(String type, Instant time, Map<String, Object> fields) {
    this.type = type;
    this.time = time;
    this.fields = fields;
  }

  /** A new event of the given dotted type, e.g. {@code csp.violation}. */
  public static SecurityEvent of(String type) {
    Objects.requireNonNull(type, "type");
    return new SecurityEvent(type, Instant.now(), Collections.emptyMap());
  }

  /** A copy with one more field; a null value is recorded as absent. */
  public SecurityEvent with(String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(fields);
    if (value != null) {
      copy.put(key, value);
    }
    return new SecurityEvent(type, time, Collections.unmodifiableMap(copy));
  }

  public String type() {
    return type;
  }

  public Instant time() {
    return time;
  }

  /** The fields, in the order they were added. */
  public Map<String, Object> fields() {
    return fields;
  }

  /** {@code type key=value …}, values quoted and escaped ({@link LogText}) so one event is one log line. */
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
