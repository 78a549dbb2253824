package dev.armet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes one run's figures where {@code --report PREFIX} says: {@code PREFIX.md} (the table for
 * docs/PERFORMANCE.md, with the command and the machine's load) and {@code PREFIX.svg} (one bar per
 * target for throughput and for server CPU per request, both as ratios to the baseline, so that
 * people can look rather than read).
 */
final class LoadReport {
  private LoadReport() {}

  record Row(
      String target,
      double rps,
      double rpsMin,
      double rpsMax,
      double cpu,
      double alloc,
      double tputRatio,
      double cpuRatio,
      double cpuRatioMin,
      double cpuRatioMax) {}

  static void write(Path prefix, String command, String environment, List<Row> rows)
      throws IOException {
    Path parent = prefix.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(
        Path.of(prefix + ".md"),
        markdown(command, environment, rows, prefix.getFileName() + ".svg"),
        StandardCharsets.UTF_8);
    Files.writeString(Path.of(prefix + ".svg"), svg(rows), StandardCharsets.UTF_8);
  }

  static String markdown(String command, String environment, List<Row> rows, String svgName) {
    StringBuilder out = new StringBuilder();
    out.append("Command: `").append(command).append("`\n\n").append(environment).append("\n\n");
    out.append("| target | median req/s (min–max) | throughput / ")
        .append(rows.get(0).target())
        .append(" | server CPU µs/req | CPU / ")
        .append(rows.get(0).target())
        .append(" (min–max) | B/req | B/req over ")
        .append(rows.get(0).target())
        .append(" |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f (%,.0f–%,.0f) | %.3f | %.1f | %.3f (%.3f–%.3f) | %s | %s |%n",
              r.target(),
              r.rps(),
              r.rpsMin(),
              r.rpsMax(),
              r.tputRatio(),
              r.cpu(),
              r.cpuRatio(),
              r.cpuRatioMin(),
              r.cpuRatioMax(),
              bytes("%,.0f", r.alloc()),
              bytes("%+,.0f", r.alloc() - rows.get(0).alloc())));
    }
    out.append("\n![throughput and CPU per request, per target](").append(svgName).append(")\n");
    return out.toString();
  }

  /** A byte count, or {@code n/a} where allocation is not measured (a node target). */
  private static String bytes(String format, double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value);
  }

  /** Two horizontal bar charts side by side: throughput ratio and CPU-per-request ratio. */
  static String svg(List<Row> rows) {
    int labelWidth = 170;
    int chartWidth = 300;
    int gap = 40;
    int rowHeight = 22;
    int top = 40;
    int width = labelWidth + 2 * chartWidth + gap + 20;
    int height = top + rows.size() * rowHeight + 30;
    double maxTput = rows.stream().mapToDouble(Row::tputRatio).max().orElse(1);
    double maxCpu = rows.stream().mapToDouble(Row::cpuRatio).max().orElse(1);
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
            width,
            height));
    s.append(
        String.format(
            Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    int x1 = labelWidth;
    int x2 = labelWidth + chartWidth + gap;
    String base = escape(rows.get(0).target());
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"18\" font-weight=\"bold\">throughput / %s (higher is better)</text>%n",
            x1,
            base));
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"18\" font-weight=\"bold\">server CPU per request / %s (lower is better)</text>%n",
            x2,
            base));
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      int y = top + i * rowHeight;
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
              labelWidth - 8,
              y + 14,
              escape(r.target())));
      bar(s, x1, y, chartWidth - 50, r.tputRatio() / maxTput, r.tputRatio(), "#4e79a7");
      bar(s, x2, y, chartWidth - 50, r.cpuRatio() / maxCpu, r.cpuRatio(), "#e15759");
    }
    // the 1.0 line (the baseline) in both charts
    for (int[] c :
        new int[][] {
          {x1, (int) ((chartWidth - 50) / maxTput)}, {x2, (int) ((chartWidth - 50) / maxCpu)}
        }) {
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\" stroke-dasharray=\"3,3\"/>%n",
              c[0] + c[1],
              top - 4,
              c[0] + c[1],
              top + rows.size() * rowHeight));
    }
    s.append("</svg>\n");
    return s.toString();
  }

  private static void bar(
      StringBuilder s, int x, int y, int full, double fraction, double value, String colour) {
    int w = Math.max(1, (int) Math.round(full * fraction));
    s.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"%s\"/>%n",
            x,
            y + 2,
            w,
            colour));
    s.append(
        String.format(
            Locale.ROOT, "<text x=\"%d\" y=\"%d\">%.2f×</text>%n", x + w + 4, y + 14, value));
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
