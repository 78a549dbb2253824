package dev.armet.redis;

import java.util.regex.Pattern;

/** Store URIs as they may appear in messages: the password replaced, whatever the scheme. */
final class RedisUris {
  private static final Pattern USER_INFO = Pattern.compile("^([a-z-]+://)([^@/]*)@");

  private RedisUris() {}

  static String mask(String uri) {
    return USER_INFO.matcher(uri).replaceFirst(m -> {
      String info = m.group(2);
      int colon = info.indexOf(':');
      String user = colon < 0 ? "" : info.substring(0, colon);
      return java.util.regex.Matcher.quoteReplacement(m.group(1) + user + ":****@");
    });
  }
}
