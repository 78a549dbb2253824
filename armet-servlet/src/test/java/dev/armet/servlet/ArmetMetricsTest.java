package dev.armet.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.env.ArmetEnvironment;
import dev.armet.event.SecurityEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Micrometer counters on the plain filter; Micrometer stays optional. */
class ArmetMetricsTest {
  @Test
  void meterRegistry_countsEveryCsrfRefusal_evenPastTheLogGate() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    List<SecurityEvent> logged = new CopyOnWriteArrayList<>();
    ArmetFilter filter = ArmetFilter.create(a -> a.environment(ArmetEnvironment.DEVELOPMENT)
        .events(logged::add).eventGate(g -> g.burst(2)).meterRegistry(registry));
    try (TestServer server = new TestServer(filter, false).start()) {
      for (int i = 0; i < 5; i++) {
        int status = server.send(HttpRequest.newBuilder(server.uri("/"))
            .header("Sec-Fetch-Site", "cross-site").header("Origin", "https://evil.example")
            .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode();
        assertThat(status).isEqualTo(403);
      }
    }
    assertThat(registry.get("armet.requests.rejected").tag("control", "csrf").counter().count())
        .isEqualTo(5);
    assertThat(logged.stream().filter(e -> !e.type().startsWith("events"))).hasSizeLessThan(5);
  }

  @Test
  void meterRegistry_notARegistry_refusedWithClearMessage() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ArmetFilter.builder().meterRegistry("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("meterRegistry must be an io.micrometer MeterRegistry, was java.lang.String");
  }

  @Test
  void count_tagsAreBounded_attackerTextBecomesOther() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ArmetMetrics.count(registry, SecurityEvent.of("csrf.refused").with("reason", "/admin?u=<x>"));
    ArmetMetrics.count(registry, SecurityEvent.of("csp.violation").with("directive", "evil\r\n"));
    assertThat(registry.get("armet.requests.rejected").tag("reason", "other").counter().count()).isEqualTo(1);
    assertThat(registry.get("armet.csp.reports").tag("directive", "other").counter().count()).isEqualTo(1);
  }

  @Test
  void withoutMicrometer_theFilterBuildsAndLoadsNoneOfIt() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.contains("micrometer")) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
        ClassLoader.getPlatformClassLoader())) {
      Class<?> filter = loader.loadClass(ArmetFilter.class.getName());
      Object builder = filter.getMethod("builder").invoke(null);
      assertThat(builder.getClass().getMethods()).isNotEmpty(); // reflection as frameworks do it
      Class<?> env = loader.loadClass(ArmetEnvironment.class.getName());
      builder.getClass().getMethod("environment", env)
          .invoke(builder, env.getField("DEVELOPMENT").get(null));
      Object built = builder.getClass().getMethod("build").invoke(builder);
      assertThat(built.getClass().getName()).isEqualTo(ArmetFilter.class.getName());
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> loader.loadClass("io.micrometer.core.instrument.MeterRegistry"))
          .isInstanceOf(ClassNotFoundException.class);
    }
  }
}
