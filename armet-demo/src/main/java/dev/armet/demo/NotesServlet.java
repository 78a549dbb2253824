package dev.armet.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * {@code /notes} (signed in only; others are sent to {@code /login}): GET lists the user's notes,
 * each cleaned by {@link RichText}; POST (field {@code text}) adds one and answers 303 to {@code
 * /notes}, so a reload does not post twice. A note that is empty, too long or one too many re-shows
 * the page with the reason (422). Reached only with a valid CSRF token.
 */
final class NotesServlet extends HttpServlet {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** A note as a template shows it: cleaned HTML and a time. */
  record Shown(RichText.Clean body, String when) {
    static List<Shown> of(List<Notes.Note> notes) {
      return notes.stream()
          .map(
              n ->
                  new Shown(
                      RichText.clean(n.text()), WHEN.format(Instant.ofEpochMilli(n.createdAt()))))
          .toList();
    }
  }

  private final transient Notes notes;

  NotesServlet(Notes notes) {
    this.notes = notes;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<String> user = Auth.require(request, response);
    if (user.isPresent()) {
      page(request, response, 200, user.get(), null);
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<String> user = Auth.require(request, response);
    if (user.isEmpty()) {
      return;
    }
    String text = request.getParameter("text");
    String problem = notes.problem(user.get(), text);
    if (problem != null) {
      page(request, response, 422, user.get(), problem);
      return;
    }
    notes.add(user.get(), text);
    Auth.accepted(request);
    Pages.seeOther(response, "/notes");
  }

  private void page(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String user,
      String message)
      throws IOException {
    Pages.show(
        request,
        response,
        status,
        "notes.jte",
        "Notes",
        "notes",
        Shown.of(notes.of(user)),
        "message",
        message);
  }
}
