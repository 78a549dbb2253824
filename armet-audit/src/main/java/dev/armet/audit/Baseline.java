package dev.armet.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armet.audit.internal.AuditRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Accepted findings, each with a reason and an expiry date. Applied to a report, it removes
 * findings accepted and not yet expired (and recomputes Armet's grade without them), and turns each
 * expired acceptance of a finding still present into a finding of its own.
 *
 * <pre>{@code
 * {"accepted": [
 *   {"id": "coep-missing", "reason": "no cross-origin isolation needed", "expires": "2027-06-30"},
 *   {"id": "hsts-not-preload-ready", "url": "https://staging.example/", "reason": "staging", "expires": "2027-01-31"}
 * ]}
 * }</pre>
 */
public final class Baseline {
  /** One accepted finding; {@code url} null means every URL. */
  public record Acceptance(String id, String url, String reason, LocalDate expires) {}

  private final List<Acceptance> accepted;

  private Baseline(List<Acceptance> accepted) {
    this.accepted = List.copyOf(accepted);
  }

  public static Baseline of(List<Acceptance> accepted) {
    return new Baseline(accepted);
  }

  public List<Acceptance> accepted() {
    return accepted;
  }

  /**
   * Reads a baseline file.
   *
   * @throws IllegalArgumentException naming the entry and field that is missing or malformed
   */
  public static Baseline read(Path file) throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(file));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(
          "baseline " + file + " is not JSON: " + e.getOriginalMessage(), e);
    }
    JsonNode list = root == null ? null : root.get("accepted");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("baseline " + file + " needs an \"accepted\" array");
    }
    List<Acceptance> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode e = list.get(i);
      String id = text(e, "id", file, i);
      String reason = text(e, "reason", file, i);
      LocalDate expires;
      try {
        expires = LocalDate.parse(text(e, "expires", file, i));
      } catch (DateTimeParseException ex) {
        throw new IllegalArgumentException(
            "baseline "
                + file
                + " entry "
                + i
                + ": expires must be YYYY-MM-DD, was '"
                + e.get("expires").asText()
                + "'",
            ex);
      }
      String url = e.hasNonNull("url") ? e.get("url").asText() : null;
      out.add(new Acceptance(id, url, reason, expires));
    }
    return new Baseline(out);
  }

  private static String text(JsonNode e, String field, Path file, int i) {
    JsonNode v = e == null ? null : e.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(
          "baseline " + file + " entry " + i + " needs a non-empty \"" + field + "\"");
    }
    return v.asText();
  }

  /**
   * The report with accepted findings removed and expired acceptances reported, as of {@code
   * today}.
   */
  public Report apply(Report report, LocalDate today) {
    List<Finding> kept = new ArrayList<>();
    List<Finding> expired = new ArrayList<>();
    for (Finding f : report.findings()) {
      Acceptance a =
          accepted.stream()
              .filter(
                  x -> x.id().equals(f.id()) && (x.url() == null || x.url().equals(report.url())))
              .findFirst()
              .orElse(null);
      if (a == null) {
        kept.add(f);
      } else if (a.expires().isBefore(today)) {
        kept.add(f);
        expired.add(
            new Finding(
                "baseline-expired:" + f.id(),
                Severity.INFO,
                "The acceptance of " + f.id() + " expired on " + a.expires(),
                "reason was: " + a.reason(),
                "renew the acceptance or fix the finding"));
      }
    }
    kept.addAll(expired);
    int score = AuditRun.armetScore(report.observatory(), kept);
    return new Report(
        report.url(),
        Grade.forScore(score),
        score,
        report.observatory(),
        kept,
        report.tls(),
        report.requests(),
        report.stack());
  }
}
