package dev.armet.internal.headers;

import dev.armet.event.SecurityEvent;

/**
 * One CSP violation, as a browser reported it. Every field is client-supplied and untrusted:
 * strings are bounded in length and may be empty, never null.
 *
 * @param documentUri the page where the violation happened
 * @param directive the effective directive that was violated, e.g. {@code script-src-elem}
 * @param blockedUri what was blocked: a URL, {@code inline}, {@code eval}, …
 * @param sourceFile the script that caused it, when known
 * @param line the line in {@code sourceFile}, or 0
 * @param sample the first characters of the blocked code, when the policy asks for samples
 * @param disposition {@code enforce} or {@code report}
 */
public record CspViolation(
    String documentUri,
    String directive,
    String blockedUri,
    String sourceFile,
    long line,
    String sample,
    String disposition) {

  /** The violation as a {@code csp_violation} security event. */
  public SecurityEvent toEvent() {
    return SecurityEvent.of("csp_violation")
        .with("directive", directive)
        .with("blocked", blockedUri)
        .with("document", documentUri)
        .with("source", sourceFile.isEmpty() ? null : sourceFile)
        .with("line", line == 0 ? null : line)
        .with("sample", sample.isEmpty() ? null : sample)
        .with("disposition", disposition);
  }
}
