package dev.armet.demo;

import dev.armet.event.SecurityEventSink;
import dev.armet.regex.RegexBudgetExceededException;
import dev.armet.regex.SafePattern;
import dev.armet.servlet.ArmetHeaders;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.PatternSyntaxException;

/**
 * {@code GET /search?q=REGEX}: the notes of this session that the user's own regex finds, one a
 * line (text/plain). The regex comes from the request, so it runs under {@link SafePattern}: a
 * pattern that backtracks too much on the notes is refused (422) and recorded as a
 * {@code regex.budget_exceeded} event instead of holding a request thread; an invalid one gets
 * the JDK's description and index (400).
 */
final class SearchServlet extends HttpServlet {
  static final int MAX_QUERY = 200;
  private final transient SecurityEventSink events;

  SearchServlet(SecurityEventSink events) {
    this.events = events;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String q = request.getParameter("q");
    if (q == null || q.isEmpty() || q.length() > MAX_QUERY) {
      write(request, response, 400, "q must be a regex of 1 to " + MAX_QUERY + " characters\n");
      return;
    }
    SafePattern pattern;
    try {
      pattern = SafePattern.compile(q, b -> b.events(events).maxSteps(100_000).stepsPerChar(100));
    } catch (PatternSyntaxException e) {
      write(request, response, 400, "invalid regex: " + e.getDescription() + " at index " + e.getIndex() + "\n");
      return;
    }
    StringBuilder found = new StringBuilder();
    try {
      for (String note : Notes.of(request.getSession(false))) {
        if (pattern.find(note).isPresent()) {
          found.append(note.replace('\n', ' ')).append('\n');
        }
      }
    } catch (RegexBudgetExceededException e) {
      write(request, response, 422, "search refused: this regex backtracks too much on your notes\n");
      return;
    }
    write(request, response, 200, found.toString());
  }

  private static void write(HttpServletRequest request, HttpServletResponse response, int status, String text)
      throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    ArmetHeaders.of(request).noStore();
    response.setStatus(status);
    response.setContentType("text/plain;charset=utf-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
