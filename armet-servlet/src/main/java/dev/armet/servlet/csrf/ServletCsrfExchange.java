package dev.armet.servlet.csrf;

import dev.armet.cookie.RequestCookies;
import dev.armet.csrf.CsrfRequest;
import dev.armet.csrf.CsrfResponse;
import dev.armet.http.Origin;
import dev.armet.internal.servlet.ParsedCookies;
import dev.armet.internal.servlet.RequestPaths;
import dev.armet.servlet.session.ServletSessions;
import dev.armet.session.Session;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The servlet request and response as {@link CsrfRequest} and {@link CsrfResponse}, one object per
 * request; reads lazily, and never a body the app needs.
 */
final class ServletCsrfExchange implements CsrfRequest, CsrfResponse {
  /** A masked token is 86 characters; a longer part value is not a token. */
  private static final int MAX_PART_BYTES = 256;

  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private @Nullable RequestCookies cookies;

  ServletCsrfExchange(HttpServletRequest request, HttpServletResponse response) {
    this.request = request;
    this.response = response;
  }

  @Override
  public void addHeader(String name, String value) {
    response.addHeader(name, value);
  }

  @Override
  public boolean isCommitted() {
    return response.isCommitted();
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String path() {
    return RequestPaths.contextRelative(request);
  }

  @Override
  public String header(String name) {
    return request.getHeader(name);
  }

  @Override
  public String queryString() {
    return request.getQueryString();
  }

  @Override
  public @Nullable String formField(String name) {
    String type = request.getContentType();
    if (type == null) {
      return null;
    }
    String t = type.toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("application/x-www-form-urlencoded")) {
        // Parsed into parameters, which is how the application reads this body too.
        return request.getParameter(name);
      }
      if (t.startsWith("multipart/form-data")) {
        // Parsed into parts (cached by the container), which the application can still read.
        return partValue(request.getPart(name));
      }
    } catch (IllegalStateException | IllegalArgumentException | IOException | ServletException e) {
      // No multipart configuration for the target, or a malformed body: no field token. The
      // container reports the same problem when the application reads the body.
    }
    return null;
  }

  private static @Nullable String partValue(Part part) throws IOException {
    if (part == null || part.getSubmittedFileName() != null) {
      return null;
    }
    try (InputStream in = part.getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_PART_BYTES + 1);
      return bytes.length > MAX_PART_BYTES ? null : new String(bytes, StandardCharsets.US_ASCII);
    }
  }

  @Override
  public @Nullable Origin serverOrigin() {
    try {
      return Origin.of(request.getScheme(), request.getServerName(), request.getServerPort());
    } catch (IllegalArgumentException | NullPointerException e) {
      return null; // a Host header that is no host: only the allow-list can match
    }
  }

  @Override
  public boolean isSecure() {
    return request.isSecure();
  }

  @Override
  public RequestCookies cookies() {
    if (cookies == null) {
      cookies = ParsedCookies.of(request); // parsed once per request, shared with sessions
    }
    return cookies;
  }

  @Override
  public Optional<Session> session() {
    return ServletSessions.of(request);
  }
}
