package dev.armet.deps;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A decision not to act on an advisory for now: which advisory (its id or any alias), for which
 * package (or every package), why, and until when. After {@code expires} it no longer hides the
 * finding, and the report says it expired.
 *
 * @param advisoryId a GHSA or CVE id
 * @param coordinate {@code groupId:artifactId}, or empty for any package
 * @param expires the last day it applies (inclusive)
 * @param reason why the finding does not apply or can wait; never blank
 */
public record Suppression(
    String advisoryId, Optional<String> coordinate, LocalDate expires, String reason) {
  public Suppression {
    Objects.requireNonNull(advisoryId, "advisoryId");
    Objects.requireNonNull(expires, "expires");
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a suppression of " + advisoryId + " needs a reason");
    }
  }

  /** True when it names one of {@code ids} and the package (or any). */
  public boolean covers(java.util.Collection<String> ids, String packageCoordinate) {
    return ids.contains(advisoryId) && coordinate.map(packageCoordinate::equals).orElse(true);
  }

  /** Expired on {@code today}: {@code expires} is before it. */
  public boolean expiredOn(LocalDate today) {
    return expires.isBefore(today);
  }
}
