package dev.armet.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestCookiesTest {

  static Stream<Arguments> headers() {
    return Stream.of(
        Arguments.of("a=1", "a", List.of("1")),
        Arguments.of("a=1; b=2", "b", List.of("2")),
        Arguments.of("a=1;b=2", "b", List.of("2")),
        Arguments.of("  a  =  1  ;  ", "a", List.of("1")),
        Arguments.of("a=1; a=2", "a", List.of("1", "2")),
        Arguments.of(";;a=1;;", "a", List.of("1")),
        Arguments.of("a=\"quoted\"", "a", List.of("quoted")),
        Arguments.of("a=\"", "a", List.of("\"")),
        Arguments.of("a=", "a", List.of("")),
        Arguments.of("a==b=", "a", List.of("=b=")),
        Arguments.of("novalue; a=1", "a", List.of("1")),
        Arguments.of("=orphan; a=1", "a", List.of("1")),
        Arguments.of("a=caf\u00c3\u00a9", "a", List.of("caf\u00c3\u00a9")),
        Arguments.of("a=1\u0000; b=2", "b", List.of("2")),
        Arguments.of("A=1", "a", List.of()),
        Arguments.of("\ta=1\t", "a", List.of("1")),
        Arguments.of("", "a", List.of()));
  }

  @ParameterizedTest
  @MethodSource("headers")
  void parse_realWorldHeaders_readLikeBrowsers(String header, String name, List<String> values) {
    assertThat(RequestCookies.parse(header).all(name)).isEqualTo(values);
  }

  @Test
  void parse_nullAndMultipleHeaders_combined() {
    RequestCookies c = RequestCookies.parse(null, "a=1", null, "b=2; a=3");
    assertThat(c.all("a")).containsExactly("1", "3");
    assertThat(c.first("b")).contains("2");
    assertThat(c.names()).containsExactly("a", "b", "a");
    assertThat(RequestCookies.parse((String[]) null).size()).isZero();
  }

  @Test
  void parse_eightKilobytesOfJunk_neverThrows() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      char[] junk = new char[8192];
      for (int i = 0; i < junk.length; i++) {
        junk[i] = (char) random.nextInt(round % 2 == 0 ? 256 : 0x10000);
      }
      RequestCookies c = RequestCookies.parse(new String(junk));
      assertThat(c.size()).isLessThanOrEqualTo(RequestCookies.MAX_COOKIES);
    }
  }

  @Test
  void parse_sixteenKilobytesOfPairsWithoutEquals_staysLinear() {
    String hostile = ";".repeat(8_000) + "x".repeat(8_000);
    long start = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      assertThat(RequestCookies.parse(hostile).size()).isZero();
    }
    // Quadratic scanning would take seconds here; linear takes milliseconds.
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }

  @Test
  void parse_manyCookies_boundedByCountAndLength() {
    String many = "x=1; ".repeat(10_000);
    assertThat(RequestCookies.parse(many).size()).isEqualTo(RequestCookies.MAX_COOKIES);
    String longValue = "a=" + "v".repeat(100_000);
    assertThat(RequestCookies.parse(longValue).first("a").get())
        .hasSize(RequestCookies.MAX_HEADER_CHARS - 2);
  }

  @Test
  void parse_offsetsAtTheEndOfTheLongestHeader_readBack() {
    String pad = "p".repeat(RequestCookies.MAX_HEADER_CHARS - 7);
    String header = "a=" + pad + "; z=9"; // exactly MAX_HEADER_CHARS long
    assertThat(header).hasSize(RequestCookies.MAX_HEADER_CHARS);
    RequestCookies c = RequestCookies.parse(header);
    assertThat(c.names()).containsExactly("a", "z");
    assertThat(c.first("z")).contains("9");
    assertThat(c.value("a", 0).toString()).isEqualTo(pad);
  }

  @Test
  void countAndValue_readEachValueOfOneName_inHeaderOrder_inPlace() {
    RequestCookies c = RequestCookies.parse("a=1; b=2; a=333; c=; a=\"q\"");
    assertThat(c.count("a")).isEqualTo(3);
    assertThat(c.count("c")).isEqualTo(1);
    assertThat(c.count("z")).isZero();
    for (int n = 0; n < 3; n++) {
      CharSequence v = c.value("a", n);
      assertThat(v.toString()).isEqualTo(c.all("a").get(n));
      assertThat(v.length()).isEqualTo(c.all("a").get(n).length());
      assertThat(v.charAt(v.length() - 1)).isEqualTo(c.all("a").get(n).charAt(v.length() - 1));
    }
    assertThat(c.value("a", 1).subSequence(1, 3).toString()).isEqualTo("33");
    assertThat(c.value("c", 0).toString()).isEmpty();
    assertThatThrownBy(() -> c.value("a", 3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> c.value("a", 0).charAt(1))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> c.value("a", 1).subSequence(2, 4))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
