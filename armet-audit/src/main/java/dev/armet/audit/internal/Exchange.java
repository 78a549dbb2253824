package dev.armet.audit.internal;

import java.net.URI;

/**
 * One request and its response.
 *
 * @param url what was requested
 * @param status the status code
 * @param headers the response headers
 * @param body the response body (bounded), decoded as UTF-8
 * @param verified whether the TLS certificate validated (true for plain HTTP)
 */
public record Exchange(URI url, int status, Headers headers, String body, boolean verified) {
  public boolean isRedirect() {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** The text of the response for evidence: status line and headers. */
  public String head() {
    StringBuilder sb = new StringBuilder().append(status);
    headers
        .entries()
        .forEach(e -> sb.append(" | ").append(e.getKey()).append(": ").append(e.getValue()));
    return sb.toString();
  }
}
