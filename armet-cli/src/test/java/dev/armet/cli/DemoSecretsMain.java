package dev.armet.cli;

import dev.armet.env.ArmetEnvironment;
import java.nio.file.Path;

/**
 * Creates the demo's development key ring in the folder {@code args[0]}, in a process of its own.
 */
final class DemoSecretsMain {
  private DemoSecretsMain() {}

  public static void main(String[] args) {
    DemoSecrets.keyring(ArmetEnvironment.DEVELOPMENT, Path.of(args[0]));
  }
}
