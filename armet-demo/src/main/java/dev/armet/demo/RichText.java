package dev.armet.demo;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The markup a note may use, cleaned by the OWASP Java HTML Sanitizer: bold, italics, code,
 * paragraphs, line breaks, lists and links. Links keep only {@code http}/{@code https} targets and
 * always get {@code rel="nofollow noopener noreferrer"}; every other element is dropped with its
 * attributes (its text stays, as text), every event-handler attribute and every {@code style} goes.
 * What comes out is safe to insert as HTML; everything else on the page is escaped by the template.
 */
final class RichText {
  private static final PolicyFactory POLICY =
      new HtmlPolicyBuilder()
          .allowElements("b", "strong", "i", "em", "code", "p", "br", "ul", "ol", "li", "a")
          .allowUrlProtocols("http", "https")
          .allowAttributes("href")
          .onElements("a")
          .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
          .toFactory();

  /** HTML that came out of the sanitizer: the only HTML a template inserts unescaped. */
  record Clean(String html) {}

  private RichText() {}

  static Clean clean(String userHtml) {
    return new Clean(POLICY.sanitize(userHtml));
  }
}
