package dev.armet.deps;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds jars for the tests: a library jar with its pom.properties, fat and shaded jars. */
final class Jars {
  private Jars() {}

  static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  static byte[] pomProperties(String gav) {
    String[] p = gav.split(":");
    return ("#Created by Apache Maven\ngroupId="
            + p[0]
            + "\nartifactId="
            + p[1]
            + "\nversion="
            + p[2]
            + "\n")
        .getBytes();
  }

  static String propertiesPath(String gav) {
    String[] p = gav.split(":");
    return "META-INF/maven/" + p[0] + "/" + p[1] + "/pom.properties";
  }

  /** A library jar: its pom.properties and one class file per given name (empty bodies). */
  static byte[] library(String gav, String... classes) throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put(propertiesPath(gav), pomProperties(gav));
    for (String c : classes) {
      m.put(c.replace('.', '/') + ".class", new byte[0]);
    }
    return zip(m);
  }

  static Path write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }
}
