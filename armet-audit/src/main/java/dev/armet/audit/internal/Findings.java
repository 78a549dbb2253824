package dev.armet.audit.internal;

import dev.armet.audit.Finding;
import dev.armet.audit.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects findings (one per id; the first evidence wins); each gets the fix for the stack detected
 * by the end of the audit. Thread-safe: the TLS probe adds its findings from its own thread while
 * the HTTP checks run.
 */
public final class Findings {
  private record Pending(Finding finding, String topic) {}

  private final Map<String, Pending> byId = new LinkedHashMap<>();
  private Stack stack = Stack.UNKNOWN;

  public synchronized void stack(Stack detected) {
    stack = detected;
  }

  public synchronized Stack stack() {
    return stack;
  }

  public synchronized void add(
      String id, Severity severity, String title, String evidence, String topic) {
    byId.putIfAbsent(id, new Pending(new Finding(id, severity, title, evidence, ""), topic));
  }

  public synchronized boolean has(String id) {
    return byId.containsKey(id);
  }

  /** Worst first, then by id (the TLS probe runs concurrently: insertion order is not stable). */
  public synchronized List<Finding> sorted() {
    List<Finding> all = new ArrayList<>();
    for (Pending p : byId.values()) {
      Finding f = p.finding();
      all.add(
          new Finding(f.id(), f.severity(), f.title(), f.evidence(), Fixes.of(p.topic(), stack)));
    }
    all.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::id));
    return all;
  }
}
