package dev.armet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's table: a target whose allocation is not measured (node) shows n/a, not NaN. */
class LoadReportTest {
  private static LoadReport.Row row(String target, double alloc) {
    return new LoadReport.Row(target, 1000, 900, 1100, 20, alloc, 1, 1, 1, 1);
  }

  @Test
  void markdown_withoutAllocation_showsNotApplicable() {
    String md =
        LoadReport.markdown(
            "cmd", "env", List.of(row("bare", 2000), row("express", Double.NaN)), "x.svg");

    assertThat(md)
        .contains(
            "| express | 1,000 (900–1,100) | 1.000 | 20.0 | 1.000 (1.000–1.000) | n/a | n/a |");
    assertThat(md)
        .contains("| bare | 1,000 (900–1,100) | 1.000 | 20.0 | 1.000 (1.000–1.000) | 2,000 | +0 |");
    assertThat(md).doesNotContain("NaN");
  }
}
