package dev.armet.internal.server.acme;

import java.io.IOException;

/**
 * A stored ACME record is there but cannot be used. Either it is damaged (or of an unknown format),
 * and ordering anew replaces it; or it was sealed with a secret this instance does not have (or
 * written by a newer release), and it is left alone: ordering would overwrite the certificate every
 * other instance serves, and they would order back, each time costing the CA's rate limit.
 */
final class UnreadableRecordException extends IOException {
  private static final long serialVersionUID = 1L;
  private final boolean replaceable;

  UnreadableRecordException(String message, boolean replaceable) {
    super(message);
    this.replaceable = replaceable;
  }

  /** True: damaged, order anew; false: another instance's secret or format, leave it alone. */
  boolean replaceable() {
    return replaceable;
  }
}
