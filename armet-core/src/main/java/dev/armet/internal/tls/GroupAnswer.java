package dev.armet.internal.tls;

/**
 * What a TLS 1.3 server answered to a {@link ProbeHello}: the group it selected, or why it selected
 * none. Every reply, however broken, is one of these; nothing else is thrown for the server's
 * bytes.
 *
 * @param kind what happened
 * @param group the selected group's code point when {@link Kind#SELECTED}, otherwise -1
 * @param detail a short human-readable account (the alert, the parse error, the version)
 */
public record GroupAnswer(Kind kind, int group, String detail) {
  /** The shapes a reply can take. */
  public enum Kind {
    /** A HelloRetryRequest (or ServerHello) for TLS 1.3 naming a group. */
    SELECTED,
    /** A TLS alert: the server shares none of the offered groups, or refused the hello. */
    ALERT,
    /** A well-formed ServerHello for an older version: the server does not do TLS 1.3. */
    NOT_TLS13,
    /** Bytes that are not a well-formed TLS reply. */
    MALFORMED,
    /** The connection closed before a complete reply. */
    CLOSED,
    /** No complete reply within the time allowed. */
    TIMEOUT
  }

  static GroupAnswer selected(int group, String detail) {
    return new GroupAnswer(Kind.SELECTED, group, detail);
  }

  static GroupAnswer of(Kind kind, String detail) {
    return new GroupAnswer(kind, -1, detail);
  }

  /** Whether the server selected a group. */
  public boolean isSelected() {
    return kind == Kind.SELECTED;
  }

  @Override
  public String toString() {
    return kind == Kind.SELECTED
        ? "selected " + NamedGroups.name(group)
        : kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + detail;
  }
}
