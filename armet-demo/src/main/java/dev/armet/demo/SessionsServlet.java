package dev.armet.demo;

import dev.armet.event.SecurityEvent;
import dev.armet.event.SecurityEventSink;
import dev.armet.servlet.ArmetHeaders;
import dev.armet.servlet.session.ServletSessions;
import dev.armet.session.Session;
import dev.armet.spi.SessionRecord;
import dev.armet.spi.SessionStore;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code /account/sessions} (signed in only): GET lists the account's live sessions ({@link
 * SessionStore#listForUser}), this browser's marked; {@code POST /account/sessions/revoke} (field
 * {@code session}: a store key from the list) ends one, after checking it belongs to this account
 * ({@code session_revoked}); {@code POST /account/sessions/revoke-all} ends them all, this one
 * included ("log out everywhere", {@code session_revoked_all}). Store keys are SHA-256 digests of
 * session ids: showing them gives nobody a usable cookie.
 */
final class SessionsServlet extends HttpServlet {
  static final String REVOKED = "Session revoked: that browser is signed out.";
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** One row of the list. */
  record Row(
      String key, String label, String agent, String started, String expires, boolean current) {}

  private final transient SessionStore sessions;
  private final transient SecurityEventSink events;

  SessionsServlet(SessionStore sessions, SecurityEventSink events) {
    this.sessions = sessions;
    this.events = events;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<String> user = Auth.require(request, response);
    if (user.isEmpty()) {
      return;
    }
    if (request.getPathInfo() != null && !request.getPathInfo().equals("/")) {
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    String current = ServletSessions.of(request).flatMap(Session::handle).orElse(null);
    List<SessionRecord> records = new ArrayList<>(sessions.listForUser(user.get()));
    records.sort(Comparator.comparing(SessionRecord::createdAt).reversed());
    List<Row> rows =
        records.stream()
            .map(
                r ->
                    new Row(
                        r.key(),
                        r.key().substring(0, Math.min(10, r.key().length())),
                        r.attributes().get(Auth.AGENT) instanceof String a ? a : "unknown",
                        WHEN.format(r.createdAt()),
                        WHEN.format(r.expiresAt()),
                        r.key().equals(current)))
            .toList();
    Pages.show(
        request,
        response,
        200,
        "sessions.jte",
        "Sessions",
        "sessions",
        rows,
        "notice",
        "1".equals(request.getParameter("revoked")) ? REVOKED : null);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<String> user = Auth.require(request, response);
    if (user.isEmpty()) {
      return;
    }
    String action = request.getPathInfo() == null ? "" : request.getPathInfo();
    Session session = ServletSessions.of(request).orElseThrow();
    String current = session.handle().orElse(null);
    switch (action) {
      case "/revoke" -> {
        String key = Input.parameter(request, "session");
        Optional<SessionRecord> target = key.isEmpty() ? Optional.empty() : sessions.load(key);
        if (target.isEmpty() || !target.get().userId().filter(user.get()::equals).isPresent()) {
          response.sendError(HttpServletResponse.SC_NOT_FOUND, "no such session of yours");
          return;
        }
        events.record(
            SecurityEvent.of("session_revoked")
                .with("user", user.get())
                .with("current", key.equals(current)));
        if (key.equals(current)) {
          session.invalidate();
          ArmetHeaders.of(request).clearSiteData();
          Pages.seeOther(response, "/login");
          return;
        }
        sessions.delete(key);
        Auth.accepted(request);
        Pages.seeOther(response, "/account/sessions?revoked=1");
      }
      case "/revoke-all" -> {
        sessions.deleteAllForUser(user.get());
        session.invalidate();
        ArmetHeaders.of(request).clearSiteData();
        events.record(SecurityEvent.of("session_revoked_all").with("user", user.get()));
        Pages.seeOther(response, "/login");
      }
      default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }
}
