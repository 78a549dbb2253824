package dev.armet.internal.env;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every password shape a store URI can carry, and what is printed for it. */
class MaskedUriTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // password with a raw '/': java.net.URI reads "user:pa" as the authority
        "postgresql://app:pa/ss@db:5432/app           | postgresql://****@db:5432/app",
        "redis://app:12/ss@host:6379/0                 | redis://****@host:6379/0",
        // password with a raw '@'
        "postgresql://app:p@ss@db/app                  | postgresql://****@db/app",
        "redis://:p@ss@host:6379/0                     | redis://****@host:6379/0",
        // password with ':' (the first ':' separates the user)
        "mariadb://app:pa:ss@db:3306/app               | mariadb://app:****@db:3306/app",
        // percent-encoded '/', '@' and ':'
        "postgresql://app:p%2Fa%40s%3As@db/app         | postgresql://app:****@db/app",
        "rediss://app:s3cret@host:6380                 | rediss://app:****@host:6380",
        // no password, no user information
        "redis://host:6379/0                           | redis://host:6379/0",
        "postgresql://db:5432/app?sslmode=require      | postgresql://db:5432/app?sslmode=require",
        "sqlite                                        | sqlite",
        "sqlite:/var/lib/armet/armet.db                | sqlite:/var/lib/armet/armet.db",
        // user information only: Redis reads it as the password
        "redis://s3cret@host:6379/0                    | redis://****@host:6379/0",
        "redis-sentinel://pw@s1:26379,s2:26379#main    | redis-sentinel://****@s1:26379,s2:26379#main",
        "redis://:s3cret@host:6379/0                   | redis://:****@host:6379/0",
        // IPv6 host
        "redis://:s3cret@[::1]:6379/0                  | redis://:****@[::1]:6379/0",
        "postgresql://app:p/w@[2001:db8::1]:5432/app   | postgresql://****@[2001:db8::1]:5432/app",
        // a password in the query
        "postgresql://db/app?user=app&password=s3cret  | postgresql://db/app?user=app&password=****",
        // not a URI at all
        "app:s3cret@db                                 | ****@db",
        "postgresql://app:s3 cret@db/app               | postgresql://****@db/app"
      })
  void of_table_masksEveryPassword(String uri, String masked) {
    assertThat(MaskedUri.of(uri)).isEqualTo(masked);
    assertThat(MaskedUri.of(uri))
        .doesNotContain("s3cret", "pa/ss", "p@ss", "pa:ss", "p%2F", "12/ss", "p/w");
  }

  @org.junit.jupiter.api.Test
  void of_null_saysNull() {
    assertThat(MaskedUri.of(null)).isEqualTo("null");
  }
}
