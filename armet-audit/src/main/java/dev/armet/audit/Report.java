package dev.armet.audit;

import java.util.List;

/**
 * The result of auditing one URL.
 *
 * @param url the audited URL
 * @param grade Armet's grade: the Observatory score less a penalty per finding outside its scope
 * @param score Armet's score (0–100)
 * @param observatory the Observatory-compatible score and grade
 * @param findings every finding, worst first
 * @param tls what the TLS probe found
 * @param requests how many HTTP requests the audit sent
 * @param stack what the responses revealed about the server's stack ({@code armet}, {@code spring},
 *     {@code nginx}, {@code express} or {@code unknown})
 */
public record Report(
    String url,
    String grade,
    int score,
    ObservatoryScore observatory,
    List<Finding> findings,
    TlsSummary tls,
    int requests,
    String stack) {
  public Report {
    findings = List.copyOf(findings);
  }
}
