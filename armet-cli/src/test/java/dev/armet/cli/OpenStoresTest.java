package dev.armet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenStoresTest {
  @TempDir Path data;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mongodb://app:s3cret@db/app",
        "mongodb://app:s3/cret@db/app",
        "mongodb://app:s3@cret@db/app",
        "mongodb://s3cret@[::1]/app"
      })
  void open_unknownStore_namesItWithoutThePassword(String uri) {
    assertThatThrownBy(() -> OpenStores.open(uri, data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("@")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("cret"));
  }
}
