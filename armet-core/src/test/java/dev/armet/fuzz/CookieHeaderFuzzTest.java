package dev.armet.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.armet.cookie.RequestCookies;
import java.nio.charset.StandardCharsets;

/**
 * The Cookie-header reader must never throw on client input and must stay within its bounds. A
 * short run happens in every {@code mvn verify}; armet-core's pom says how to run longer.
 */
class CookieHeaderFuzzTest {

  @FuzzTest(maxDuration = "4s")
  void parse_anyBytes_neverThrows(byte[] input) {
    // ISO-8859-1 is how servlet containers hand raw header bytes to the application.
    String header = new String(input, StandardCharsets.ISO_8859_1);
    RequestCookies cookies = RequestCookies.parse(header, header);
    assertThat(cookies.size()).isLessThanOrEqualTo(200);
    for (String name : cookies.names()) {
      assertThat(name).isNotEmpty().doesNotContain(";");
      assertThat(cookies.first(name)).isPresent();
    }
  }
}
