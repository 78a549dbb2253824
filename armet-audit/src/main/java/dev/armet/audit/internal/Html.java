package dev.armet.audit.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough HTML reading for the audit: start tags and their attributes, comments skipped. */
public final class Html {
  private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
  private static final Pattern ATTR =
      Pattern.compile("([^\\s=/>\"']+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+)))?");

  private Html() {}

  /** Attributes (lower-case names) of every {@code <tag …>} start tag, in document order. */
  public static List<Map<String, String>> tags(String html, String tag) {
    List<Map<String, String>> found = new ArrayList<>();
    if (html == null) {
      return found;
    }
    String text = COMMENT.matcher(html).replaceAll("");
    Matcher m = Pattern.compile("<" + tag + "(\\s[^>]*)?>", Pattern.CASE_INSENSITIVE).matcher(text);
    while (m.find()) {
      Map<String, String> attrs = new LinkedHashMap<>();
      Matcher a = ATTR.matcher(m.group(1) == null ? "" : m.group(1));
      while (a.find()) {
        String name = a.group(1).toLowerCase(Locale.ROOT);
        String value =
            a.group(2) != null
                ? a.group(2)
                : a.group(3) != null ? a.group(3) : a.group(4) != null ? a.group(4) : "";
        attrs.putIfAbsent(name, unescape(value));
      }
      found.add(attrs);
    }
    return found;
  }

  private static String unescape(String v) {
    return v.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  /** Whether the response declares an HTML media type (as the Observatory decides it). */
  public static boolean isHtml(Exchange e) {
    String type = e.headers().first("content-type");
    String mime = type == null ? "" : type.split(";")[0];
    return mime.equals("text/html") || mime.equals("application/xhtml+xml");
  }
}
