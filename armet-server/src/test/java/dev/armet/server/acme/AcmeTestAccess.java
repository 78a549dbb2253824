package dev.armet.server.acme;

import java.io.IOException;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/** Package-private ACME helpers for the server tests in other packages. */
public final class AcmeTestAccess {
  private AcmeTestAccess() {}

  public static SSLContext trusting(Path pem) throws IOException {
    return AcmeCaConnection.trusting(pem);
  }
}
