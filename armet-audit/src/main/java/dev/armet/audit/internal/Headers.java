package dev.armet.audit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Response headers in arrival order, duplicates kept; names compared case-insensitively. */
public final class Headers {
  // Node's http module keeps only the first of these when a response repeats them; the
  // Observatory (Node) sees the others joined with ", ". Matching that keeps the scores equal.
  private static final Set<String> FIRST_ONLY =
      Set.of(
          "age",
          "authorization",
          "content-length",
          "content-type",
          "etag",
          "expires",
          "from",
          "host",
          "if-modified-since",
          "if-unmodified-since",
          "last-modified",
          "location",
          "max-forwards",
          "proxy-authorization",
          "referer",
          "retry-after",
          "server",
          "user-agent");

  private final List<Map.Entry<String, String>> entries;

  public Headers(List<Map.Entry<String, String>> entries) {
    this.entries = List.copyOf(entries);
  }

  public List<Map.Entry<String, String>> entries() {
    return entries;
  }

  /** Every value of {@code name}, in order. */
  public List<String> all(String name) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, String> e : entries) {
      if (e.getKey().equalsIgnoreCase(name)) {
        values.add(e.getValue());
      }
    }
    return values;
  }

  /** The first value, or null. */
  public String first(String name) {
    List<String> values = all(name);
    return values.isEmpty() ? null : values.get(0);
  }

  public boolean has(String name) {
    return first(name) != null;
  }

  /** The value as a Node client sees it: repeated headers joined with ", " (or the first kept). */
  public String combined(String name) {
    List<String> values = all(name);
    if (values.isEmpty()) {
      return null;
    }
    return FIRST_ONLY.contains(name.toLowerCase(Locale.ROOT))
        ? values.get(0)
        : String.join(", ", values);
  }
}
