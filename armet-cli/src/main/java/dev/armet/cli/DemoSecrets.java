package dev.armet.cli;

import dev.armet.env.ArmetEnvironment;
import dev.armet.keys.Keyring;
import dev.armet.keys.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo's key ring. {@code ARMET_SECRETS} or {@code ARMET_SECRETS_FILE} when set; otherwise, in
 * development only, a secret generated once into {@code DIR/dev-secrets} (0600), so that sessions
 * in the embedded store survive a restart of {@code armet demo} with nothing set up. Production
 * never falls back: it needs configured secrets.
 */
final class DemoSecrets {
  static final String FILE = "dev-secrets";

  private DemoSecrets() {}

  static Keyring keyring(ArmetEnvironment environment, Path dataFolder) {
    Map<String, String> env = new HashMap<>(System.getenv());
    boolean configured =
        notBlank(env.get(Secrets.VARIABLE)) || notBlank(env.get(Secrets.FILE_VARIABLE));
    if (!configured && !environment.isProduction()) {
      env.put(Secrets.FILE_VARIABLE, devSecretFile(dataFolder).toString());
    }
    return Keyring.create(k -> k.environment(environment).fromEnvironment(env));
  }

  private static Path devSecretFile(Path dataFolder) {
    Path file = dataFolder.resolve(FILE);
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(dataFolder);
        byte[] text =
            ("# development key ring of armet demo; never use in production\n"
                    + Secrets.generate()
                    + "\n")
                .getBytes(StandardCharsets.UTF_8);
        // Created owner-only: there is no moment at which another user could open it.
        try (SeekableByteChannel out =
            Files.newByteChannel(
                file,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")))) {
          ByteBuffer buffer = ByteBuffer.wrap(text);
          while (buffer.hasRemaining()) {
            out.write(buffer);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the development secret " + file, e);
    }
    return file;
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
