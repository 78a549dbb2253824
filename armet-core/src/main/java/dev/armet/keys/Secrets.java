package dev.armet.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Where secrets come from: {@code ARMET_SECRETS} (comma-separated, newest first), {@code
 * ARMET_SECRETS_FILE} (one per line, {@code #} comments), or configuration; and {@link #generate()}
 * for new ones ({@code armet keys generate}).
 *
 * <pre>{@code
 * List<Secret> secrets = Secrets.fromEnvironment(System.getenv());
 * }</pre>
 */
public final class Secrets {
  /** Comma-separated secrets, the signing one first. */
  public static final String VARIABLE = "ARMET_SECRETS";

  /** A file with one secret per line, the signing one first. */
  public static final String FILE_VARIABLE = "ARMET_SECRETS_FILE";

  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** A fresh secret: 32 bytes from {@link SecureRandom} as 43 base64url characters. */
  public static String generate() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * Secrets from {@code ARMET_SECRETS}, else from the file named by {@code ARMET_SECRETS_FILE},
   * else none.
   *
   * @throws UncheckedIOException if the file cannot be read (the message names the variable)
   */
  public static List<Secret> fromEnvironment(Map<String, String> env) {
    String list = env.get(VARIABLE);
    if (list != null && !list.isBlank()) {
      return parseList(list);
    }
    String file = env.get(FILE_VARIABLE);
    if (file != null && !file.isBlank()) {
      return fromFile(Path.of(file.strip()));
    }
    return List.of();
  }

  /** Comma-separated secrets; empty entries are skipped. */
  // split drops trailing empty strings: harmless, as empty entries are skipped anyway.
  @SuppressWarnings("StringSplitter")
  public static List<Secret> parseList(String commaSeparated) {
    List<Secret> out = new ArrayList<>();
    for (String part : commaSeparated.split(",")) {
      if (!part.isBlank()) {
        out.add(Secret.of(part));
      }
    }
    return List.copyOf(out);
  }

  /** One secret per line; blank lines and lines starting with {@code #} are skipped. */
  public static List<Secret> fromFile(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      // The path is configuration, not a secret, so naming it helps the operator.
      throw new UncheckedIOException(FILE_VARIABLE + ": cannot read " + file, e);
    }
    List<Secret> out = new ArrayList<>();
    for (String line : lines) {
      if (!line.isBlank() && !line.strip().startsWith("#")) {
        out.add(Secret.of(line));
      }
    }
    return List.copyOf(out);
  }
}
