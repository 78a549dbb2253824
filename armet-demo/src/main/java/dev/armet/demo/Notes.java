package dev.armet.demo;

import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.List;

/**
 * The notes of one session, kept as a session attribute (a JSON list of strings). Bounded in
 * count and length, so that one visitor cannot grow the session store without limit.
 */
final class Notes {
  static final int MAX_NOTES = 20;
  static final int MAX_LENGTH = 500;
  private static final String ATTRIBUTE = "notes";

  private Notes() {}

  /** This session's notes, oldest first; empty without a session. */
  static List<String> of(HttpSession session) {
    if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof List<?> stored)) {
      return List.of();
    }
    List<String> notes = new ArrayList<>(stored.size());
    for (Object o : stored) {
      if (o instanceof String s) {
        notes.add(s);
      }
    }
    return List.copyOf(notes);
  }

  /** Why {@code text} cannot be added to {@code notes}, or null if it can. */
  static String problem(List<String> notes, String text) {
    if (text == null || text.isBlank()) {
      return "A note needs some text.";
    }
    if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
      return "A note can be at most " + MAX_LENGTH + " characters long.";
    }
    if (notes.size() >= MAX_NOTES) {
      return "This session already holds " + MAX_NOTES + " notes, the most the demo keeps.";
    }
    return null;
  }

  /** Stores {@code text} after the existing notes; check {@link #problem} first. */
  static void add(HttpSession session, String text) {
    List<String> notes = new ArrayList<>(of(session));
    notes.add(text);
    session.setAttribute(ATTRIBUTE, notes); // a new list: the change is seen and saved
  }
}
