package dev.armet.deps.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armet.deps.Dependency;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the Maven components of a CycloneDX SBOM (JSON or XML, as {@code cyclonedx-maven-plugin}
 * writes them) and their paths from the SBOM's own component through {@code dependencies}. The XML
 * parser refuses DTDs (no entity expansion, no external fetch).
 */
public final class SbomReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SbomReader() {}

  /** A component: its bom-ref and coordinates. */
  record Component(String ref, String group, String name, String version, String scope) {
    String gav() {
      return group + ":" + name + ":" + version;
    }
  }

  public static List<Dependency> read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int i = 0;
    while (i < bytes.length && Character.isWhitespace(bytes[i])) {
      i++;
    }
    try {
      return i < bytes.length && bytes[i] == '<' ? readXml(file) : readJson(bytes);
    } catch (IOException | RuntimeException e) {
      throw new IOException(file + ": not a CycloneDX SBOM (" + e.getMessage() + ")", e);
    }
  }

  private static List<Dependency> readJson(byte[] bytes) throws IOException {
    JsonNode root = JSON.readTree(bytes);
    if (!"CycloneDX".equals(root.path("bomFormat").asText())) {
      throw new IOException("bomFormat is not CycloneDX");
    }
    Component top = component(root.path("metadata").path("component"));
    Map<String, Component> all = new LinkedHashMap<>();
    collectJson(root.path("components"), all);
    Map<String, List<String>> edges = new HashMap<>();
    for (JsonNode d : root.path("dependencies")) {
      List<String> to = new ArrayList<>();
      d.path("dependsOn").forEach(n -> to.add(n.asText()));
      edges.put(d.path("ref").asText(), to);
    }
    return paths(top, all, edges);
  }

  private static void collectJson(JsonNode components, Map<String, Component> all) {
    for (JsonNode c : components) {
      Component comp = component(c);
      if (comp != null) {
        all.put(comp.ref(), comp);
      }
      collectJson(c.path("components"), all);
    }
  }

  private static Component component(JsonNode c) {
    if (c.isMissingNode()) {
      return null;
    }
    return fromPurl(
        c.path("bom-ref").asText(""),
        c.path("purl").asText(""),
        c.path("group").asText(""),
        c.path("name").asText(""),
        c.path("version").asText(""),
        c.path("scope").asText(""));
  }

  /**
   * Only Maven components: a {@code pkg:maven/} purl, or group+name+version when there is no purl.
   */
  private static Component fromPurl(
      String ref, String purl, String group, String name, String version, String scope) {
    if (purl.startsWith("pkg:maven/")) {
      String rest = purl.substring("pkg:maven/".length());
      int q = rest.indexOf('?');
      rest = q < 0 ? rest : rest.substring(0, q);
      int at = rest.lastIndexOf('@');
      int slash = rest.indexOf('/');
      if (at > 0 && slash > 0 && slash < at) {
        group = decode(rest.substring(0, slash));
        name = decode(rest.substring(slash + 1, at));
        version = decode(rest.substring(at + 1));
      }
    } else if (!purl.isEmpty()) {
      return null;
    }
    if (group.isEmpty() || name.isEmpty() || version.isEmpty()) {
      return null;
    }
    String mavenScope = scope.equals("optional") ? "test" : scope.equals("excluded") ? "test" : "";
    return new Component(ref.isEmpty() ? purl : ref, group, name, version, mavenScope);
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static List<Dependency> paths(
      Component top, Map<String, Component> all, Map<String, List<String>> edges) {
    String root = top == null ? "sbom" : top.gav();
    Map<String, List<String>> pathTo = new HashMap<>();
    if (top != null) {
      ArrayDeque<String> queue = new ArrayDeque<>(List.of(top.ref()));
      pathTo.put(top.ref(), List.of(root));
      while (!queue.isEmpty()) {
        String ref = queue.poll();
        for (String next : edges.getOrDefault(ref, List.of())) {
          Component c = all.get(next);
          if (c != null && !pathTo.containsKey(next)) {
            List<String> p = new ArrayList<>(pathTo.get(ref));
            p.add(c.gav());
            pathTo.put(next, p);
            queue.add(next);
          }
        }
      }
    }
    List<Dependency> out = new ArrayList<>();
    for (Component c : all.values()) {
      if (top != null && c.ref().equals(top.ref())) {
        continue;
      }
      List<String> path = pathTo.getOrDefault(c.ref(), List.of(root, c.gav()));
      out.add(new Dependency(c.group(), c.name(), c.version(), c.scope(), path));
    }
    return out;
  }

  private static List<Dependency> readXml(Path file) throws IOException {
    Document doc;
    try (InputStream in = Files.newInputStream(file)) {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setNamespaceAware(true);
      doc = f.newDocumentBuilder().parse(in);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException(e.getMessage(), e);
    }
    Element bom = doc.getDocumentElement();
    if (!bom.getLocalName().equals("bom")) {
      throw new IOException("the root element is not <bom>");
    }
    Element metadata = child(bom, "metadata");
    Component top = metadata == null ? null : xmlComponent(child(metadata, "component"));
    Map<String, Component> all = new LinkedHashMap<>();
    Element components = child(bom, "components");
    if (components != null) {
      collectXml(components, all);
    }
    Map<String, List<String>> edges = new HashMap<>();
    Element deps = child(bom, "dependencies");
    if (deps != null) {
      for (Element d : children(deps, "dependency")) {
        List<String> to = new ArrayList<>();
        children(d, "dependency").forEach(x -> to.add(x.getAttribute("ref")));
        edges.put(d.getAttribute("ref"), to);
      }
    }
    return paths(top, all, edges);
  }

  private static void collectXml(Element components, Map<String, Component> all) {
    for (Element c : children(components, "component")) {
      Component comp = xmlComponent(c);
      if (comp != null) {
        all.put(comp.ref(), comp);
      }
      Element nested = child(c, "components");
      if (nested != null) {
        collectXml(nested, all);
      }
    }
  }

  private static Component xmlComponent(Element c) {
    if (c == null) {
      return null;
    }
    return fromPurl(
        c.getAttribute("bom-ref"),
        text(c, "purl"),
        text(c, "group"),
        text(c, "name"),
        text(c, "version"),
        text(c, "scope"));
  }

  private static String text(Element e, String name) {
    Element c = child(e, name);
    return c == null ? "" : c.getTextContent().trim();
  }

  private static Element child(Element e, String name) {
    List<Element> c = children(e, name);
    return c.isEmpty() ? null : c.get(0);
  }

  private static List<Element> children(Element e, String name) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = e.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n instanceof Element el && name.equals(el.getLocalName())) {
        out.add(el);
      }
    }
    return out;
  }
}
