package dev.armet.internal.server.acme;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the CA's HTTP-01 requests on the plain-HTTP connector (RFC 8555 §8.3): {@code GET} (or
 * {@code HEAD}) {@code /.well-known/acme-challenge/<token>} gets the token's key authorization as
 * {@code text/plain} while its challenge is pending, and 404 otherwise. Every other plain request,
 * and every HTTPS request, passes on (to the HTTPS redirect), so this path is the only thing plain
 * HTTP ever serves.
 */
public final class AcmeHttpChallengeHandler extends Handler.Wrapper {
  /** The path prefix of RFC 8555 §8.3. */
  public static final String PREFIX = "/.well-known/acme-challenge/";

  private static final int MAX_TOKEN_LENGTH = 256;

  private final ChallengeResponses responses;

  public AcmeHttpChallengeHandler(Handler next, ChallengeResponses responses) {
    super(next);
    this.responses = responses;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    if (request.isSecure() || path == null || !path.startsWith(PREFIX)) {
      return super.handle(request, response, callback);
    }
    String method = request.getMethod();
    if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
      return super.handle(request, response, callback); // redirected like any other plain request
    }
    String token = path.substring(PREFIX.length());
    Optional<String> answer = isToken(token) ? responses.http(token) : Optional.empty();
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    if (answer.isEmpty()) {
      response.setStatus(HttpStatus.NOT_FOUND_404);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
      response.write(true, null, callback);
      return true;
    }
    byte[] body = answer.get().getBytes(StandardCharsets.US_ASCII);
    response.setStatus(HttpStatus.OK_200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, HttpMethod.HEAD.is(method) ? null : ByteBuffer.wrap(body), callback);
    return true;
  }

  /** A token is base64url (RFC 8555 §8.1): anything else is not looked up. */
  static boolean isToken(String token) {
    if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      return false;
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (!(c >= 'A' && c <= 'Z'
          || c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '_')) {
        return false;
      }
    }
    return true;
  }
}
