package dev.armet.demo;

import dev.armet.event.SecurityEventSink;
import dev.armet.regex.RegexBudgetExceededException;
import dev.armet.regex.SafePattern;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/**
 * {@code GET /search?q=REGEX} (signed in only): the user's notes that their own regex finds. The
 * regex comes from the request, so it runs under {@link SafePattern}: a pattern that backtracks too
 * much on the notes is refused (422) and recorded as an event instead of holding a request thread;
 * an invalid one gets the JDK's description and index (400). The query is shown back, escaped by
 * the template.
 */
final class SearchServlet extends HttpServlet {
  static final int MAX_QUERY = 200;
  private final transient Notes notes;
  private final transient SecurityEventSink events;

  SearchServlet(Notes notes, SecurityEventSink events) {
    this.notes = notes;
    this.events = events;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<String> user = Auth.require(request, response);
    if (user.isEmpty()) {
      return;
    }
    String q = Input.parameter(request, "q");
    if (q.isEmpty() || q.length() > MAX_QUERY) {
      show(
          request,
          response,
          400,
          q.length() > MAX_QUERY ? "" : q,
          List.of(),
          "q must be a regex of 1 to " + MAX_QUERY + " characters");
      return;
    }
    SafePattern pattern;
    try {
      pattern = SafePattern.compile(q, b -> b.events(events).maxSteps(100_000).stepsPerChar(100));
    } catch (PatternSyntaxException e) {
      show(
          request,
          response,
          400,
          q,
          List.of(),
          "invalid regex: " + e.getDescription() + " at index " + e.getIndex());
      return;
    }
    List<Notes.Note> found = new ArrayList<>();
    try {
      for (Notes.Note note : notes.of(user.get())) {
        if (pattern.find(note.text()).isPresent()) {
          found.add(note);
        }
      }
    } catch (RegexBudgetExceededException e) {
      show(
          request,
          response,
          422,
          q,
          List.of(),
          "search refused: this regex backtracks too much on your notes");
      return;
    }
    show(request, response, 200, q, NotesServlet.Shown.of(found), null);
  }

  private static void show(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String q,
      List<NotesServlet.Shown> found,
      String message)
      throws IOException {
    Pages.show(
        request,
        response,
        status,
        "search.jte",
        "Search",
        "q",
        q,
        "notes",
        found,
        "message",
        message);
  }
}
