package dev.armet.deps.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armet.deps.Dependency;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code dependency:tree -DoutputType=json} output (one document per reactor module) into
 * dependencies with their path from the module. The reactor's own modules are paths, never
 * findings.
 */
public final class MavenTreeParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MavenTreeParser() {}

  public static List<Dependency> parse(String json) throws IOException {
    List<JsonNode> modules = new ArrayList<>();
    try (JsonParser p = JSON.getFactory().createParser(json);
        MappingIterator<JsonNode> it = JSON.readValues(p, JsonNode.class)) {
      while (it.hasNextValue()) {
        modules.add(it.nextValue());
      }
    }
    Set<String> reactor = new HashSet<>();
    modules.forEach(m -> reactor.add(gav(m)));
    List<Dependency> out = new ArrayList<>();
    for (JsonNode m : modules) {
      walk(m, new ArrayList<>(List.of(gav(m))), reactor, out);
    }
    return out;
  }

  private static void walk(
      JsonNode node, List<String> path, Set<String> reactor, List<Dependency> out) {
    for (JsonNode child : node.path("children")) {
      String gav = gav(child);
      path.add(gav);
      if (!reactor.contains(gav)) {
        out.add(
            new Dependency(
                child.path("groupId").asText(),
                child.path("artifactId").asText(),
                child.path("version").asText(),
                child.path("scope").asText(""),
                path));
      }
      walk(child, path, reactor, out);
      path.remove(path.size() - 1);
    }
  }

  private static String gav(JsonNode n) {
    return n.path("groupId").asText()
        + ":"
        + n.path("artifactId").asText()
        + ":"
        + n.path("version").asText();
  }
}
