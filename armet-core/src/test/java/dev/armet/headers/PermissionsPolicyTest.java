package dev.armet.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PermissionsPolicyTest {
  @Test
  void allow_withOrigins_quotesThem() {
    PermissionsPolicy p =
        PermissionsPolicy.builder().allow("geolocation", "https://maps.example").build();
    assertThat(p).hasToString("geolocation=(self \"https://maps.example\")");
  }

  @Test
  void allow_star_meansEveryone() {
    assertThat(PermissionsPolicy.builder().allow("fullscreen", "*").build())
        .hasToString("fullscreen=(*)");
  }

  @Test
  void unset_leavesFeatureToBrowser() {
    assertThat(PermissionsPolicy.create(p -> p.unset("camera")).features())
        .doesNotContainKey("camera");
  }

  @Test
  void badFeatureOrOrigin_refused() {
    assertThatThrownBy(() -> PermissionsPolicy.builder().disable("Camera=(),x"))
        .hasMessageContaining("feature name");
    assertThatThrownBy(() -> PermissionsPolicy.builder().allow("camera", "evil\"),x=(*"))
        .hasMessageContaining("origin");
  }
}
