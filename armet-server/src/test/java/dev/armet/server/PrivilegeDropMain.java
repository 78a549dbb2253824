package dev.armet.server;

import java.nio.file.Path;

/** The server as a process of its own, for the privilege-drop test: prints READY and its ports. */
public final class PrivilegeDropMain {
  private PrivilegeDropMain() {}

  public static void main(String[] args) throws Exception {
    ArmetServer server =
        ArmetServer.create(
            ServerSettings.load(Path.of(args[0]), System.getenv())
                .servlet("/app/*", new TestApp())
                .build());
    try {
      server.start();
    } catch (RuntimeException | java.io.IOException e) {
      System.out.println("FAILED " + e.getMessage());
      System.exit(1);
    }
    System.out.println("READY " + server.httpsPort() + " " + server.httpPort());
    server.join();
  }
}
