package dev.armet.audit;

import java.io.IOException;

/** Neither {@code http} nor {@code https} on the target answered; the message says why. */
public final class UnreachableTargetException extends IOException {
  private static final long serialVersionUID = 1L;

  public UnreachableTargetException(String message, Throwable cause) {
    super(message, cause);
  }
}
