package dev.armet.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unreferenced hint on a fat jar built from classes compiled here. */
class ReachabilityTest {
  @TempDir Path dir;

  byte[] compiled(String internalName) throws IOException {
    return Files.readAllBytes(dir.resolve("out").resolve(internalName + ".class"));
  }

  void compile(Map<String, String> sources) throws IOException {
    // javac as a process: the tests run inside the module, which does not read java.compiler.
    String javac = Path.of(System.getProperty("java.home"), "bin", "javac").toString();
    List<String> args =
        new java.util.ArrayList<>(
            List.of(javac, "-d", dir.resolve("out").toString(), "--release", "17"));
    for (Map.Entry<String, String> s : sources.entrySet()) {
      Path f = dir.resolve("src").resolve(s.getKey() + ".java");
      Files.createDirectories(f.getParent());
      Files.writeString(f, s.getValue());
      args.add(f.toString());
    }
    Process p = new ProcessBuilder(args).inheritIO().start();
    try {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    assertThat(p.exitValue()).isZero();
  }

  @Test
  void mark_jarNoClassReaches_isUnreferencedAndTransitivelyUsedIsNot() throws IOException {
    Map<String, String> src = new LinkedHashMap<>();
    src.put(
        "com/example/App",
        "package com.example; public class App { Object m() { return new lib.Client(); } }");
    src.put(
        "lib/Client",
        "package lib; public class Client { com.fasterxml.jackson.databind.ObjectMapper mapper; }");
    src.put(
        "com/fasterxml/jackson/databind/ObjectMapper",
        "package com.fasterxml.jackson.databind; public class ObjectMapper {}");
    src.put(
        "org/apache/logging/log4j/core/Logger",
        "package org.apache.logging.log4j.core; public class Logger {}");
    compile(src);
    Map<String, byte[]> client = new LinkedHashMap<>();
    client.put(
        Jars.propertiesPath("com.example:client:1.0"),
        Jars.pomProperties("com.example:client:1.0"));
    client.put("lib/Client.class", compiled("lib/Client"));
    Map<String, byte[]> jackson = new LinkedHashMap<>();
    jackson.put(
        Jars.propertiesPath("com.fasterxml.jackson.core:jackson-databind:2.12.6"),
        Jars.pomProperties("com.fasterxml.jackson.core:jackson-databind:2.12.6"));
    jackson.put(
        "com/fasterxml/jackson/databind/ObjectMapper.class",
        compiled("com/fasterxml/jackson/databind/ObjectMapper"));
    Map<String, byte[]> log4j = new LinkedHashMap<>();
    log4j.put(
        Jars.propertiesPath("org.apache.logging.log4j:log4j-core:2.14.1"),
        Jars.pomProperties("org.apache.logging.log4j:log4j-core:2.14.1"));
    log4j.put(
        "org/apache/logging/log4j/core/Logger.class",
        compiled("org/apache/logging/log4j/core/Logger"));
    Map<String, byte[]> fat = new LinkedHashMap<>();
    fat.put("BOOT-INF/classes/com/example/App.class", compiled("com/example/App"));
    fat.put("BOOT-INF/lib/client-1.0.jar", Jars.zip(client));
    fat.put("BOOT-INF/lib/jackson-databind-2.12.6.jar", Jars.zip(jackson));
    fat.put("BOOT-INF/lib/log4j-core-2.14.1.jar", Jars.zip(log4j));
    Path jar = Jars.write(dir.resolve("app.jar"), Jars.zip(fat));

    AuditReport report =
        Audit.run(
            Inventories.fromJars(jar),
            OsvDatabase.load(OsvDatabaseTest.REAL),
            List.of(),
            AuditTest.NOW);
    AuditReport marked = Reachability.ofJar(jar).mark(report);
    assertThat(marked.findings()).hasSize(2);
    assertThat(marked.findings())
        .filteredOn(Finding::unreferenced)
        .singleElement()
        .satisfies(f -> assertThat(f.dependency().artifactId()).isEqualTo("log4j-core"));
    // Only a hint: it never hides the finding.
    assertThat(marked.active()).hasSize(2);
  }

  @Test
  void mark_noApplicationClasses_leavesTheReportAlone() throws IOException {
    Path jar =
        Jars.write(
            dir.resolve("lib.jar"), Jars.library("org.apache.logging.log4j:log4j-core:2.14.1"));
    AuditReport report =
        Audit.run(
            Inventories.fromJars(jar),
            OsvDatabase.load(OsvDatabaseTest.REAL),
            List.of(),
            AuditTest.NOW);
    assertThat(Reachability.ofJar(jar).mark(report).findings()).noneMatch(Finding::unreferenced);
  }
}
