package dev.armet.demo;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Each user's notes, in the {@code demo_notes} table through prepared statements only. A note is
 * stored as the user typed it and cleaned by {@link RichText} each time it is shown, so a stricter
 * policy later applies to old notes too. Bounded in count and length per user.
 */
final class Notes {
  static final int MAX_NOTES = 50;
  static final int MAX_LENGTH = 2000;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One note: its text as typed, and when it was written (epoch ms). */
  record Note(String id, String text, long createdAt) {}

  private final DemoDatabase db;

  Notes(DemoDatabase db) {
    this.db = db;
  }

  /** {@code owner}'s notes, newest first. */
  List<Note> of(String owner) {
    List<Note> notes = new ArrayList<>();
    try (Connection c = db.connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT id, body, created_at FROM demo_notes WHERE owner = ? ORDER BY created_at DESC, id")) {
      s.setString(1, owner);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          notes.add(new Note(r.getString(1), r.getString(2), r.getLong(3)));
        }
      }
    } catch (SQLException e) {
      throw new DemoStoreException("read notes", e);
    }
    return notes;
  }

  /** Why {@code text} cannot be added for {@code owner}, or null if it can. */
  String problem(String owner, String text) {
    if (text == null || text.isBlank()) {
      return "A note needs some text.";
    }
    if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
      return "A note can be at most " + MAX_LENGTH + " characters long.";
    }
    if (Input.hasControlCharacters(text, true)) {
      return "A note cannot contain control characters.";
    }
    if (of(owner).size() >= MAX_NOTES) {
      return "You already have " + MAX_NOTES + " notes, the most the demo keeps.";
    }
    return null;
  }

  /** Stores {@code text} for {@code owner}; check {@link #problem} first. */
  void add(String owner, String text) {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    try (Connection c = db.connection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO demo_notes (id, owner, body, created_at) VALUES (?, ?, ?, ?)")) {
      s.setString(1, HexFormat.of().formatHex(id));
      s.setString(2, owner);
      s.setString(3, text);
      s.setLong(4, System.currentTimeMillis());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new DemoStoreException("add a note", e);
    }
  }
}
