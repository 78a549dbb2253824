package dev.armet.server.acme;

import java.time.Instant;

/**
 * Where ordering stands: how many attempts failed in a row, the last failure and its error (the
 * CA's problem document, never a key), and when the next attempt is due.
 *
 * @param consecutiveFailures failed attempts since the last success
 * @param lastFailure when the last attempt failed; null if none did
 * @param lastError what the last failure said; null if none
 * @param nextAttempt when the next order or renewal is due; null when unknown
 */
public record AcmeStatus(
    int consecutiveFailures, Instant lastFailure, String lastError, Instant nextAttempt) {}
