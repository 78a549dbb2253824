package dev.armet.deps.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armet.deps.Suppression;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Suppressions from an OpenVEX document: each {@code not_affected} statement, for each product
 * ({@code pkg:maven/…} purl, or every package when it names none), with its {@code
 * impact_statement} or {@code justification} as the reason. OpenVEX has no expiry, so a statement
 * holds for {@value #VALID_DAYS} days from its {@code timestamp} (else the document's): a VEX claim
 * is re-reviewed, never kept forever. Other statuses suppress nothing.
 */
public final class OpenVexReader {
  public static final int VALID_DAYS = 90;
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenVexReader() {}

  public static List<Suppression> read(byte[] json, String where) throws IOException {
    JsonNode root = JSON.readTree(json);
    if (!root.path("@context").asText("").contains("openvex")) {
      throw new IllegalArgumentException(
          where
              + ": a JSON suppression file must be an OpenVEX document"
              + " (\"@context\": \"https://openvex.dev/ns/…\")");
    }
    List<Suppression> out = new ArrayList<>();
    int i = 0;
    for (JsonNode s : root.path("statements")) {
      String at = where + " statements[" + i++ + "]";
      if (!"not_affected".equals(s.path("status").asText())) {
        continue;
      }
      JsonNode vuln = s.path("vulnerability");
      String id =
          vuln.isTextual() ? vuln.asText() : vuln.path("name").asText(vuln.path("@id").asText(""));
      if (id.isBlank()) {
        throw new IllegalArgumentException(
            at + ": a not_affected statement needs vulnerability.name");
      }
      String reason = s.path("impact_statement").asText(s.path("justification").asText(""));
      if (reason.isBlank()) {
        throw new IllegalArgumentException(
            at + ": a not_affected statement needs an impact_statement or a justification");
      }
      LocalDate expires =
          issued(s.path("timestamp").asText(root.path("timestamp").asText("")), at)
              .plusDays(VALID_DAYS);
      List<Optional<String>> products = new ArrayList<>();
      for (JsonNode p : s.path("products")) {
        coordinate(p.path("@id").asText("")).ifPresent(c -> products.add(Optional.of(c)));
      }
      if (!s.has("products")) {
        products.add(Optional.empty());
      }
      for (Optional<String> product : products) {
        out.add(new Suppression(id, product, expires, reason));
      }
    }
    return out;
  }

  private static LocalDate issued(String timestamp, String where) {
    try {
      return LocalDate.ofInstant(Instant.parse(timestamp), ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          where + ": timestamp must be an RFC 3339 time, was '" + timestamp + "'", e);
    }
  }

  /** {@code pkg:maven/g/a@v?…} → {@code g:a}; other purls name no Maven package. */
  private static Optional<String> coordinate(String purl) {
    if (!purl.startsWith("pkg:maven/")) {
      return Optional.empty();
    }
    String rest = purl.substring("pkg:maven/".length()).replaceFirst("[@?#].*$", "");
    int slash = rest.indexOf('/');
    return slash > 0
        ? Optional.of(rest.substring(0, slash) + ":" + rest.substring(slash + 1))
        : Optional.empty();
  }
}
