package dev.armet.check;

import java.util.Objects;

/**
 * One result of a start-up {@link SelfCheck}: what was found, about which area, and the fix.
 *
 * <pre>{@code
 * Finding.error("certificate", "the certificate expired on 2026-01-01",
 *     "renew it (certbot renew) or point tls.certificate at the new fullchain.pem");
 * }</pre>
 *
 * @param severity how much it matters
 * @param topic the area: {@code tls}, {@code certificate}, {@code headers}, {@code cookies}, {@code
 *     sessions}, {@code stores}, {@code secrets}, {@code user}, {@code limits}, …
 * @param message what was found, naming the setting concerned
 * @param fix what to do about it; empty for {@link Severity#INFO}
 */
public record Finding(Severity severity, String topic, String message, String fix) {
  public Finding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
  }

  public static Finding info(String topic, String message) {
    return new Finding(Severity.INFO, topic, message, "");
  }

  public static Finding warning(String topic, String message, String fix) {
    return new Finding(Severity.WARNING, topic, message, fix);
  }

  public static Finding error(String topic, String message, String fix) {
    return new Finding(Severity.ERROR, topic, message, fix);
  }

  /** One line: {@code ERROR tls: message — fix: …}. */
  @Override
  public String toString() {
    return String.format(
        "%-7s %s: %s%s", severity, topic, message, fix.isEmpty() ? "" : " (fix: " + fix + ")");
  }
}
