package dev.armet.deps.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The fields of an OSV record that matching reads; Jackson skips the rest (details' references,
 * credits, …) without building them, which keeps loading the whole Maven export fast.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record OsvJson(
    String id,
    String withdrawn,
    List<String> aliases,
    String summary,
    String details,
    List<Severity> severity,
    List<Affected> affected,
    @JsonProperty("database_specific") DatabaseSpecific databaseSpecific) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Severity(String type, String score) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Affected(
      @JsonProperty("package") Package pkg, List<Range> ranges, List<String> versions) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Package(String ecosystem, String name) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Range(String type, List<Event> events) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Event(
      String introduced, String fixed, @JsonProperty("last_affected") String lastAffected) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record DatabaseSpecific(String severity) {}
}
