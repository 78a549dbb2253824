/**
 * Start-up self-checks: {@link dev.armet.check.SelfCheck}s produce {@link dev.armet.check.Finding}s
 * with a {@link dev.armet.check.Severity}; production refuses to start on any {@code ERROR}.
 */
package dev.armet.check;
