package dev.armet.regex;

/** How the pattern is applied; a verdict holds for one mode. */
public enum MatchMode {
  /** {@link java.util.regex.Matcher#matches()}: the whole input. */
  MATCHES,
  /** {@link java.util.regex.Matcher#find()}: a scan from every start position. */
  FIND,
  /** {@link java.util.regex.Matcher#lookingAt()}: a prefix of the input. */
  LOOKING_AT
}
