package dev.armet.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.internal.cookie.CookieText;
import org.junit.jupiter.api.Test;

/** The in-place reads the session and servlet code use answer as the public ones do. */
class CookieTextTest {
  @Test
  void parseAndSpan_matchParseAndValue() {
    String header = "a=1; id=x; b=\"q\"; id=y";
    RequestCookies cookies = CookieText.parse(header);
    RequestCookies reference = RequestCookies.parse(header);
    assertThat(cookies.names()).isEqualTo(reference.names());
    String text = CookieText.text(cookies);
    for (String name : new String[] {"a", "id", "b"}) {
      for (int n = 0; n < reference.count(name); n++) {
        int span = CookieText.span(cookies, name, n);
        assertThat(text.substring(CookieText.from(span), CookieText.to(span)))
            .isEqualTo(reference.value(name, n).toString());
      }
    }
    assertThatThrownBy(() -> CookieText.span(cookies, "id", 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(CookieText.parse(null).size()).isZero();
  }
}
