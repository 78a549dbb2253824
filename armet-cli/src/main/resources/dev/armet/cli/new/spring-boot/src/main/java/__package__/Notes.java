package @@PACKAGE@@;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Each user's notes (table {@code notes}) through {@link JdbcTemplate}, bound parameters only.
 * Every query is scoped to the owner, so no one reads another's notes by guessing an id.
 */
@Repository
class Notes {
  static final int MAX_LENGTH = 1000;
  private static final int PAGE = 50;

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  /** One note as the page shows it; the template escapes {@code text}. */
  public record Note(long id, String text, Instant createdAt) {
    public String when() {
      return WHEN.format(createdAt);
    }
  }

  private final JdbcTemplate jdbc;

  Notes(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void add(String owner, String text) {
    jdbc.update("INSERT INTO notes (owner, body, created_at) VALUES (?, ?, ?)", owner, text,
        Timestamp.from(Instant.now()));
  }

  /** The owner's latest notes, newest first. */
  List<Note> latest(String owner) {
    return jdbc.query("SELECT id, body, created_at FROM notes WHERE owner = ? ORDER BY id DESC LIMIT ?",
        (row, i) -> new Note(row.getLong("id"), row.getString("body"), row.getTimestamp("created_at").toInstant()),
        owner, PAGE);
  }
}
