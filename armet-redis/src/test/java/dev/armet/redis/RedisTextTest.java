package dev.armet.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.spi.LimitState;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedisTextTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "1:10:20:30                  | 10  | 20 | 30",
        "1:-5:0:0                    | -5  | 0  | 0",
        "1:9223372036854775808:0:0   | 9223372036854775807 | 0 | 0", // Lua's 2^63 saturates
        "1:99999999999999999999:0:0  | 9223372036854775807 | 0 | 0",
        "1:-9223372036854775808:0:0  | -9223372036854775808 | 0 | 0",
        "1:-9223372036854775809:0:0  | null | null | null", // only 2^63 itself saturates
        "1:+9223372036854775808:0:0  | null | null | null",
        "1:+7:0:0                    | 7   | 0  | 0", // as Long.parseLong reads it
        "1:007:0:0                   | 7   | 0  | 0",
        "1::0:0                      | null | null | null",
        "1:-:0:0                     | null | null | null",
        "1:1.5:0:0                   | null | null | null",
        "1:10:20:                    | null | null | null",
        "1:                          | null | null | null",
        "1                           | null | null | null",
        "2:10:20:30                  | null | null | null", // a newer format: absent
        "1:10:20                     | null | null | null",
        "1:10:20:30:40               | null | null | null",
        "garbage                     | null | null | null"
      })
  void parse_table(String text, Long a, Long b, Long blocked) {
    LimitState s = ScriptState.parse(text.strip());
    if (a == null) {
      assertThat(s).isNull();
      return;
    }
    ByteBuffer bytes = ByteBuffer.wrap(s.encode());
    assertThat(bytes.get()).isEqualTo(LimitState.VERSION);
    assertThat(new long[] {bytes.getLong(), bytes.getLong(), bytes.getLong()})
        .containsExactly(a, b, blocked);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "redis://h:6379/0,true",
    "rediss://h,true",
    "redis-sentinel://h:26379#m,true",
    "redis-cluster://h:7000,true",
    "postgresql://h/db,false",
    "sqlite,false",
    "redisx://h,false"
  })
  void accepts_table(String uri, boolean accepted) {
    assertThat(RedisStores.accepts(uri)).isEqualTo(accepted);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "redisx://:s3cret@host:6379/0   | redisx://:****@host:6379/0",
        "redisx://:s3/cret@host:6379/0  | redisx://****@host:6379/0",
        "redisx://u:s3@cret@host:6379/0 | redisx://****@host:6379/0"
      })
  void open_unknownScheme_namesTheUriWithoutThePassword(String uri, String masked) {
    assertThatThrownBy(() -> RedisStores.open(uri))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(masked)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("cret"));
  }
}
