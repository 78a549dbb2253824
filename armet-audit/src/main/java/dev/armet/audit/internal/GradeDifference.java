package dev.armet.audit.internal;

import dev.armet.audit.Finding;
import dev.armet.audit.Report;
import dev.armet.audit.Severity;
import java.util.List;

/** Says why Armet's grade differs from the Observatory's, naming the findings that cost points. */
public final class GradeDifference {
  private GradeDifference() {}

  public static String explain(Report r) {
    if (r.grade().equals(r.observatory().grade())) {
      return "";
    }
    List<String> extra =
        r.findings().stream()
            .filter(
                f ->
                    f.severity() != Severity.INFO
                        && !r.observatory().results().containsValue(f.id()))
            .map(Finding::id)
            .toList();
    String capped =
        r.observatory().score() != null && r.observatory().score() > 100
            ? "Armet caps the Observatory's extra credit at 100. "
            : "";
    return capped
        + (extra.isEmpty()
            ? ""
            : "Checks outside the Observatory's cost points: " + String.join(", ", extra));
  }
}
