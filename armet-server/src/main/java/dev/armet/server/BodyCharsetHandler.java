package dev.armet.server;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers 415 to a request body labelled with a charset the JVM does not know ({@code Content-Type:
 * application/x-www-form-urlencoded; charset=x-unknown}), before anything decodes it. Otherwise the
 * first {@code getParameter} or {@code getReader} (the CSRF check's, or the application's) throws,
 * and a client's mistake became a 500 logged as an incident.
 */
final class BodyCharsetHandler extends Handler.Wrapper {
  BodyCharsetHandler(Handler next) {
    super(next);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String charset =
        request.getLength() == 0
            ? null
            : charset(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
    if (charset != null && !isSupported(charset)) {
      Response.writeError(
          request,
          response,
          callback,
          HttpStatus.UNSUPPORTED_MEDIA_TYPE_415,
          "unsupported charset in Content-Type");
      return true;
    }
    return super.handle(request, response, callback);
  }

  /** The {@code charset} parameter of a Content-Type value, unquoted; null when absent. */
  static String charset(String contentType) {
    if (contentType == null) {
      return null;
    }
    String[] parts = contentType.split(";");
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        String value = p.substring("charset=".length()).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return value;
      }
    }
    return null;
  }

  private static boolean isSupported(String charset) {
    try {
      return Charset.isSupported(charset);
    } catch (IllegalCharsetNameException e) {
      return false;
    }
  }
}
