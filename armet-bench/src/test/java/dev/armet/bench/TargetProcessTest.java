package dev.armet.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A target in a JVM of its own: it serves, its counters are its own, and it stops. */
class TargetProcessTest {
  @Test
  void bareTarget_servesFromAnotherJvm_andCountsItsOwnWork() throws Exception {
    try (Target target = Target.open("bare", null, Transport.HTTP, true);
        HttpClient client = HttpClient.newHttpClient()) {
      ServerCounters before = target.counters();

      HttpResponse<String> res =
          client.send(
              HttpRequest.newBuilder(URI.create(target.url())).build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(res.statusCode()).isEqualTo(200);
      ServerCounters after = target.counters();
      assertThat(after.allocatedBytes()).isGreaterThan(before.allocatedBytes());
      assertThat(after.cpuNanos()).isGreaterThanOrEqualTo(before.cpuNanos());
      assertThat(target.readsSession()).isFalse();
      assertThat(target.limiterDecisions()).isNull();
    }
  }

  @Test
  void fullStackTarget_passesThePreCheckThroughItsJvm() throws Exception {
    try (Target target = Target.open("armet-full", null, Transport.HTTP, true)) {
      FullCheck.prepare(target);

      assertThat(target.readsSession()).isTrue();
      assertThat(target.cookie()).isNotEmpty();
      long before = target.limiterDecisions().getAsLong();
      FullCheck.verify(target); // throws unless the session was read and the limiter decided
      assertThat(target.limiterDecisions().getAsLong()).isGreaterThan(before);
    }
  }

  @Test
  void unknownTarget_failsWithTheJvmsError() {
    assertThatThrownBy(() -> Target.open("no-such-target", null, Transport.HTTP, true))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no-such-target");
  }
}
