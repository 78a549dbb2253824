package dev.armet.deps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.deps.VersionRange.Event;
import dev.armet.deps.VersionRange.Kind;
import dev.armet.deps.internal.MavenVersions;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionOrderTest {
  @ParameterizedTest(name = "{0} vs {1}")
  @CsvSource({
    "5.2.20.RELEASE, 5.2.20, 0",
    "2.4, 2.12.2, -1",
    "1.0-rc1, 1.0, -1",
    "2.4.0-rc1, 2.4, -1",
    "2.12.7, 2.12.7.1, -1",
    "1.0-SNAPSHOT, 1.0, -1",
    "1.0.0.Final, 1.0, 0",
    "7.7.0.RELEASE, 7.7.0, 0",
    "2.0-beta9, 2.0, -1",
    "10.0, 9.9, 1"
  })
  void compare_mavenOrder_matchesMaven(String a, String b, int sign) {
    assertThat(Integer.signum(MavenVersions.compare(a, b))).isEqualTo(sign);
  }

  @ParameterizedTest(name = "{0} in [2.4, 2.12.2) = {1}")
  @CsvSource({
    "2.3.9, false",
    "2.4, true",
    "2.4.0, true",
    "2.10.0, true",
    "2.12.1, true",
    "2.12.2, false",
    "2.13.0, false"
  })
  void contains_introducedFixed_isHalfOpen(String version, boolean inside) {
    VersionRange r =
        new VersionRange(
            List.of(new Event(Kind.INTRODUCED, "2.4"), new Event(Kind.FIXED, "2.12.2")));
    assertThat(r.contains(version)).isEqualTo(inside);
  }

  @ParameterizedTest(name = "{0} in [0, 5.2.20.RELEASE) = {1}")
  @CsvSource({
    "5.2.19.RELEASE, true",
    "5.2.20, false",
    "5.2.20.RELEASE, false",
    "1.0, true",
    "5.3.0, false"
  })
  void contains_releaseQualifier_equalsPlainVersion(String version, boolean inside) {
    VersionRange r =
        new VersionRange(
            List.of(new Event(Kind.INTRODUCED, "0"), new Event(Kind.FIXED, "5.2.20.RELEASE")));
    assertThat(r.contains(version)).isEqualTo(inside);
  }

  @ParameterizedTest(name = "{0} in [1.0-rc1, 1.0] = {1}")
  @CsvSource({"1.0-beta1, false", "1.0-rc1, true", "1.0, true", "1.0.1, false"})
  void contains_lastAffected_isInclusive(String version, boolean inside) {
    VersionRange r =
        new VersionRange(
            List.of(new Event(Kind.INTRODUCED, "1.0-rc1"), new Event(Kind.LAST_AFFECTED, "1.0")));
    assertThat(r.contains(version)).isEqualTo(inside);
  }

  @ParameterizedTest(name = "{0} in [2.0, ∞) = {1}")
  @CsvSource({"1.9, false", "2.0, true", "99.0, true"})
  void contains_noClosingEvent_isOpenEnded(String version, boolean inside) {
    VersionRange r = new VersionRange(List.of(new Event(Kind.INTRODUCED, "2.0")));
    assertThat(r.contains(version)).isEqualTo(inside);
  }
}
