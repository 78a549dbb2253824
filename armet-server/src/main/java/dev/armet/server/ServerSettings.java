package dev.armet.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Reads the server's configuration from one properties file and {@code ARMET_*} environment
 * variables, which override the file ({@code tls.private-key} ↔ {@code ARMET_TLS_PRIVATE_KEY}).
 * Every key, its default and meaning is in docs/CONFIGURATION.md. An unknown key or variable and a
 * bad value stop start-up with an error that names the key and where it came from.
 *
 * <pre>{@code
 * ArmetServerConfig config = ServerSettings.load(Path.of("/etc/armet/armet.properties"), System.getenv())
 *     .servlet("/", new AppServlet())
 *     .build();
 * }</pre>
 */
public final class ServerSettings {
  /**
   * Variables other Armet components read themselves (the key ring; the store URI of the {@code
   * armet} command), so they are not unknown.
   */
  static final java.util.Set<String> COMPONENT_VARIABLES =
      java.util.Set.of(
          dev.armet.keys.Secrets.VARIABLE, dev.armet.keys.Secrets.FILE_VARIABLE, "ARMET_STORE");

  private ServerSettings() {}

  /** Every key, in documentation order. */
  public static List<String> keys() {
    return SettingKey.ALL.stream().map(SettingKey::key).toList();
  }

  /**
   * A builder holding the file's settings (none when {@code file} is null) overridden by the {@code
   * ARMET_*} variables of {@code environment}; the caller adds servlets and builds.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException on an unknown key or variable, or a bad value
   */
  public static ArmetServerConfig.Builder load(Path file, Map<String, String> environment)
      throws IOException {
    return apply(ArmetServerConfig.builder(), file, environment);
  }

  /**
   * Applies the file's settings (none when {@code file} is null), then the {@code ARMET_*}
   * variables, onto {@code builder}, over whatever it already holds: an application's own defaults
   * (the demo's) stay unless a setting names them.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException on an unknown key or variable, or a bad value
   */
  public static ArmetServerConfig.Builder apply(
      ArmetServerConfig.Builder builder, Path file, Map<String, String> environment)
      throws IOException {
    if (file != null) {
      Properties properties = new Properties();
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(in);
      }
      Map<String, String> values = new TreeMap<>();
      properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
      apply(builder, values, file.toString());
    }
    Map<String, String> variables = new TreeMap<>();
    List<String> unknown = new ArrayList<>();
    environment.forEach(
        (name, value) -> {
          if (name.startsWith("ARMET_") && !COMPONENT_VARIABLES.contains(name)) {
            SettingKey key = byVariable(name);
            if (key == null) {
              unknown.add(name);
            } else {
              variables.put(key.key(), value);
            }
          }
        });
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown environment variable"
              + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", unknown.stream().sorted().toList())
              + "; the ARMET_* variables are listed in docs/CONFIGURATION.md");
    }
    apply(builder, variables, "the environment");
    return builder;
  }

  private static void apply(
      ArmetServerConfig.Builder builder, Map<String, String> values, String source) {
    for (Map.Entry<String, String> e : values.entrySet()) {
      SettingKey key = SettingKey.find(e.getKey());
      if (key == null) {
        throw new IllegalArgumentException(
            "unknown key '"
                + e.getKey()
                + "' in "
                + source
                + "; the keys are listed in docs/CONFIGURATION.md");
      }
      String value = e.getValue().strip();
      if (value.isEmpty()) {
        continue; // an empty value keeps the default, as an unset variable does
      }
      try {
        key.apply().accept(builder, value);
      } catch (IllegalArgumentException bad) {
        String message =
            bad.getMessage().startsWith(key.key())
                ? bad.getMessage()
                : key.key() + ": " + bad.getMessage();
        throw new IllegalArgumentException(message + " (in " + source + ")", bad);
      }
    }
  }

  private static SettingKey byVariable(String name) {
    for (SettingKey k : SettingKey.ALL) {
      if (k.environmentVariable().equals(name)) {
        return k;
      }
    }
    return null;
  }
}
