package dev.armet.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The demo's static script and its Subresource Integrity value (SHA-384 of the bytes served),
 * computed from the class path at start-up so it never goes stale.
 */
final class Assets {
  static final String SCRIPT = "static/armet.js";
  static final String SCRIPT_INTEGRITY = integrity(SCRIPT);

  private Assets() {}

  static String integrity(String resource) {
    try (InputStream in = Assets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path");
      }
      byte[] digest = MessageDigest.getInstance("SHA-384").digest(in.readAllBytes());
      return "sha384-" + Base64.getEncoder().encodeToString(digest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-384 is required by the Java platform", e);
    }
  }
}
