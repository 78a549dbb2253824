package dev.armet.servlet;

import dev.armet.event.EventGate;
import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import dev.armet.internal.headers.CspReports;
import dev.armet.internal.headers.CspViolation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * Receives CSP violation reports: the legacy {@code application/csp-report} body of {@code
 * report-uri} and the Reporting API's {@code application/reports+json} batches of {@code
 * report-to}. Bodies are bounded; each violation becomes one {@code csp_violation} security event,
 * at most {@value #MAX_EVENTS_PER_REPORT} per request (the last one counts the rest in {@code
 * omitted}), through the filter's {@link EventGate}. The answer is always short and carries nothing
 * from the request.
 */
final class CspReportEndpoint {
  /** Violation events one request may record; a batch may hold many more reports. */
  static final int MAX_EVENTS_PER_REPORT = 5;

  private final String path;
  private final int maxBytes;
  private final SecurityEventSink events;

  CspReportEndpoint(String path, int maxBytes, SecurityEventSink events) {
    this.path = path;
    this.maxBytes = maxBytes;
    this.events = EventGate.gated(events);
  }

  boolean handles(String requestPath) {
    return path.equals(requestPath);
  }

  void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setHeader("Cache-Control", "no-store");
    if ("OPTIONS".equals(request.getMethod())) {
      response.setHeader("Allow", "POST, OPTIONS");
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      return;
    }
    if (!"POST".equals(request.getMethod())) {
      response.setHeader("Allow", "POST, OPTIONS");
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    String type = mediaType(request.getContentType());
    if (!CspReports.acceptsMediaType(type)) {
      response.sendError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
      return;
    }
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      refuseTooLarge(request, response, declared);
      return;
    }
    byte[] body = readAtMost(request.getInputStream(), maxBytes + 1);
    if (body.length > maxBytes) {
      refuseTooLarge(request, response, body.length);
      return;
    }
    List<CspViolation> violations = CspReports.parse(type, body);
    if (violations.isEmpty()) {
      events.record(
          RequestEvents.about(SecurityEvent.of("csp_report_rejected"), request)
              .with("reason", "malformed")
              .with("contentType", type)
              .with("bytes", body.length));
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return;
    }
    int recorded = Math.min(violations.size(), MAX_EVENTS_PER_REPORT);
    for (int i = 0; i < recorded; i++) {
      SecurityEvent event = RequestEvents.about(violations.get(i).toEvent(), request);
      if (i == recorded - 1 && violations.size() > recorded) {
        event = event.with("omitted", violations.size() - recorded);
      }
      events.record(event);
    }
    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
  }

  private void refuseTooLarge(HttpServletRequest request, HttpServletResponse response, long size)
      throws IOException {
    events.record(
        RequestEvents.about(SecurityEvent.of("csp_report_rejected"), request)
            .with("reason", "too_large")
            .with("bytes", size)
            .with("limit", maxBytes));
    response.setHeader("Connection", "close");
    response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    return in.readNBytes(limit);
  }
}
