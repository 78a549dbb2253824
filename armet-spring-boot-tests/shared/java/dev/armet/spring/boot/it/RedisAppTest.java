package dev.armet.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.spring.boot.ArmetStores;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * The Redis sample: sessions and rate limits on the application's own Lettuce client (Boot's
 * managed Lettuce 6.x, not the 7.x Armet builds against).
 */
@SpringBootTest(classes = PlainApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {Samples.NO_SECURITY, "armet.store=redis", "armet.rate-limits[0].path=/notes",
        "armet.rate-limits[0].methods=POST", "armet.rate-limits[0].limit=2",
        "armet.rate-limits[0].period=1h"})
class RedisAppTest {
  @Autowired Environment environment;
  @Autowired ArmetStores stores;
  @Autowired MeterRegistry meters;

  @Test
  void redisStores_onBootsLettuce_keepSessionsAndLimits() throws Exception {
    assertThat(RedisClient.class.getPackage().getImplementationVersion()).startsWith("6.");
    assertThat(stores.kind()).isEqualTo("redis (the application's Lettuce client)");
    Http http = new Http(environment.getRequiredProperty("local.server.port", Integer.class));
    String token = Http.csrfToken(http.get("/").body());
    assertThat(http.get("/").body()).contains("<span id=\"count\">2</span>");

    double before = meters.find("armet.requests.rejected").tag("control", "ratelimit").counters()
        .stream().mapToDouble(Counter::count).sum();
    long allowed = Meters.timed(meters, "rate_limits", "consume", "allowed");
    long refused = Meters.timed(meters, "rate_limits", "consume", "refused");
    assertThat(http.postSameOrigin("/notes", Map.of("_csrf", token)).statusCode()).isEqualTo(200);
    assertThat(http.postSameOrigin("/notes", Map.of("_csrf", token)).statusCode()).isEqualTo(200);
    HttpResponse<String> third = http.postSameOrigin("/notes", Map.of("_csrf", token));
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.headers().firstValue("Retry-After")).isPresent();
    assertThat(meters.find("armet.requests.rejected").tag("control", "ratelimit").counters()
        .stream().mapToDouble(Counter::count).sum()).isEqualTo(before + 1);
    // Every Redis round trip timed once: two admitted, one refused.
    assertThat(Meters.timed(meters, "rate_limits", "consume", "allowed")).isEqualTo(allowed + 2);
    assertThat(Meters.timed(meters, "rate_limits", "consume", "refused")).isEqualTo(refused + 1);
    assertThat(Meters.timed(meters, "sessions", "load", "hit")).isPositive();
    assertThat(Meters.timed(meters, "sessions", "save", "ok")).isPositive();
    assertThat(Http.armetHealthUp(http.get("/actuator/health").body())).isTrue();
  }
}
