package dev.armet.server;

import dev.armet.env.ArmetEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;

/**
 * The body of every error response the server produces, whoever produced it (the application's
 * {@code sendError}, an uncaught exception, or Jetty refusing a malformed request).
 *
 * <p>In production the body holds the status, its standard reason phrase and, for 5xx, an incident
 * id that is also logged with the full exception: never an exception message, a stack trace, a path
 * or a server name. In development it adds the detail, HTML- or JSON-escaped.
 */
final class ErrorBody {
  private static final HexFormat HEX = HexFormat.of();

  /** A rendered error body and its content type. */
  record Rendered(String contentType, byte[] body) {}

  /** What development mode shows; every field may be null. */
  record Detail(String message, String requestUri, Throwable cause) {
    static final Detail NONE = new Detail(null, null, null);

    /**
     * The detail of an error the application's own code raised: its exception, stack trace and all,
     * unless that exception is Jetty refusing the request ({@link HttpException}: a bad URI, an
     * ambiguous path), which is shown as its reason only.
     */
    static Detail ofApplication(int status, String message, String requestUri, Throwable cause) {
      return cause instanceof HttpException
          ? refusal(status, message, requestUri, cause)
          : new Detail(message, requestUri, cause);
    }

    /**
     * The detail of a request Jetty refused before the application saw it: the most specific reason
     * in the exception chain ("Bad URI % encoding" rather than "Bad Request"), never a stack trace
     * of Jetty's internals.
     */
    static Detail refusal(int status, String message, String requestUri, Throwable cause) {
      String generic = reason(status);
      String reason = message == null || message.equalsIgnoreCase(generic) ? null : message;
      for (Throwable t = cause;
          t != null && reason == null;
          t = t.getCause() == t ? null : t.getCause()) {
        String candidate = t instanceof HttpException http ? http.getReason() : t.getMessage();
        if (candidate != null
            && !candidate.equalsIgnoreCase(generic)
            && !candidate.equalsIgnoreCase(HttpStatus.getMessage(status))) {
          reason = candidate;
        }
      }
      return new Detail(reason, requestUri, null);
    }
  }

  private ErrorBody() {}

  /** A fresh incident id: 64 random bits, hex. Not a secret, only a correlation key. */
  static String newIncidentId() {
    return HEX.toHexDigits(ThreadLocalRandom.current().nextLong());
  }

  /** The RFC 9110 reason phrase for {@code status}, or "Error". */
  static String reason(int status) {
    String reason =
        switch (status) {
          case 500 -> "Internal Server Error"; // Jetty's table says "Server Error"
          case 413 -> "Content Too Large";
          case 422 -> "Unprocessable Content";
          default -> HttpStatus.getMessage(status);
        };
    return reason == null || reason.equals(Integer.toString(status)) ? "Error" : reason;
  }

  static Rendered render(
      int status, String accept, ArmetEnvironment env, String incidentId, Detail detail) {
    Detail shown = env.isProduction() || detail == null ? Detail.NONE : detail;
    if (shown.message() != null && shown.message().equals(reason(status))) {
      shown =
          new Detail(null, shown.requestUri(), shown.cause()); // says nothing the title does not
    }
    if (prefersJson(accept)) {
      return new Rendered(
          "application/json", json(status, incidentId, shown).getBytes(StandardCharsets.UTF_8));
    }
    return new Rendered(
        "text/html;charset=utf-8",
        html(status, incidentId, shown).getBytes(StandardCharsets.UTF_8));
  }

  /** Whether the client ranks JSON above HTML in {@code Accept} (HTML wins ties and absence). */
  static boolean prefersJson(String accept) {
    if (accept == null || accept.isBlank()) {
      return false;
    }
    double json = 0;
    double html = 0;
    for (String item : accept.split(",")) {
      String[] parts = item.split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      double q = quality(parts);
      if (type.equals("application/json") || type.endsWith("+json") || type.equals("text/json")) {
        json = Math.max(json, q);
      } else if (type.equals("text/html") || type.equals("text/*") || type.equals("*/*")) {
        html = Math.max(html, type.equals("text/html") ? q : q * 0.99);
      }
    }
    return json > html;
  }

  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.startsWith("q=") || p.startsWith("Q=")) {
        try {
          double q = Double.parseDouble(p.substring(2));
          return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }

  private static String html(int status, String incidentId, Detail detail) {
    String title = status + " " + escapeHtml(reason(status));
    StringBuilder out =
        new StringBuilder(512)
            .append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .append("<title>")
            .append(title)
            .append("</title></head>\n<body>\n<h1>")
            .append(title)
            .append("</h1>\n")
            .append(
                status >= 500
                    ? "<p>Something went wrong on our side.</p>\n"
                    : "<p>The request could not be completed.</p>\n");
    if (incidentId != null) {
      out.append("<p>Incident id: <code>").append(incidentId).append("</code></p>\n");
    }
    if (detail.requestUri() != null || detail.message() != null || detail.cause() != null) {
      out.append("<h2>Detail (development mode)</h2>\n<dl>\n");
      if (detail.requestUri() != null) {
        out.append("<dt>URI</dt><dd>").append(escapeHtml(detail.requestUri())).append("</dd>\n");
      }
      if (detail.message() != null) {
        out.append("<dt>Message</dt><dd>").append(escapeHtml(detail.message())).append("</dd>\n");
      }
      out.append("</dl>\n");
      if (detail.cause() != null) {
        out.append("<pre>").append(escapeHtml(stackTrace(detail.cause()))).append("</pre>\n");
      }
    }
    return out.append("</body></html>\n").toString();
  }

  private static String json(int status, String incidentId, Detail detail) {
    StringBuilder out = new StringBuilder(128).append("{\"error\":");
    quoteJson(reason(status), out);
    out.append(",\"status\":").append(status);
    if (incidentId != null) {
      out.append(",\"incident\":");
      quoteJson(incidentId, out);
    }
    if (detail.message() != null) {
      out.append(",\"message\":");
      quoteJson(detail.message(), out);
    }
    if (detail.cause() != null) {
      out.append(",\"exception\":");
      quoteJson(stackTrace(detail.cause()), out);
    }
    return out.append('}').toString();
  }

  private static String stackTrace(Throwable cause) {
    StringWriter text = new StringWriter();
    cause.printStackTrace(new PrintWriter(text));
    return text.toString();
  }

  static String escapeHtml(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&#34;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static void quoteJson(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<' -> out.append("\\u003c");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
