package dev.armet.demo;

import dev.armet.env.ArmetEnvironment;
import dev.armet.event.EventGate;
import dev.armet.server.ArmetServer;
import dev.armet.server.ArmetServerConfig;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Starts the demo as tests need it: development mode, random ports, loopback only. */
final class DemoServers {
  private DemoServers() {}

  static ArmetServer start(Path data, RecordingSink events) throws Exception {
    return start(data, events, c -> {});
  }

  static ArmetServer start(
      Path data, RecordingSink events, Consumer<ArmetServerConfig.Builder> more) throws Exception {
    return DemoApplication.create(
            // The tests count events: a gate that lets them all through, so that the order the
            // tests run in cannot hold one back (the default passes 10 a second per type, and
            // the throttle, the filter and the servlets share one gate).
            EventGate.builder(events).burst(10_000).build(),
            c -> {
              c.httpsPort(0)
                  .httpPort(0)
                  .bindAddress("127.0.0.1")
                  .dataDirectory(data)
                  .environment(ArmetEnvironment.DEVELOPMENT)
                  .stopAtShutdown(false);
              more.accept(c);
            })
        .start();
  }
}
