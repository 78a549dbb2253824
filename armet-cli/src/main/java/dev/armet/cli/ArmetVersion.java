package dev.armet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version, from a resource Maven fills in at build time. */
final class ArmetVersion implements IVersionProvider {
  static String version() {
    return property("version");
  }

  /** The Bouncy Castle version Armet is built and tested with (its POMs name older ones too). */
  static String bouncyCastle() {
    return property("bouncycastle");
  }

  private static String property(String name) {
    try (InputStream in = ArmetVersion.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty(name, "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"armet " + version(), "Java " + Runtime.version()};
  }
}
