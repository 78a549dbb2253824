package dev.armet.internal.server.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.redis.RedisStores;
import dev.armet.server.acme.AcmeConfig;
import dev.armet.spi.SharedRecordStore;
import dev.armet.testing.Poll;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An HTTP-01 answer published by the ordering instance is answered by any other (real Redis). */
class SharedChallengesTest {
  @Test
  void answerPublishedByOneInstance_isServedByAnother_untilWithdrawn() {
    try (RedisStores redis =
        RedisStores.open(
            "redis://127.0.0.1:6379/0",
            b -> b.keyPrefix("armet-test:" + UUID.randomUUID() + ":"))) {
      SharedRecordStore records = redis.sharedRecords().orElseThrow();
      AcmeConfig config =
          AcmeConfig.builder()
              .domains("example.com")
              .acceptTerms(true)
              .sharedStore(records, null)
              .build();
      ChallengeResponses ordering = new ChallengeResponses();
      ordering.share(new SharedAcmeStore(records, null, config).challenges());
      ChallengeResponses other = new ChallengeResponses();
      other.share(new SharedAcmeStore(records, null, config).challenges());

      assertThat(other.http("tok_123")).isEmpty();
      ordering.putHttp("tok_123", "tok_123.thumbprint");
      Poll.until(
          Duration.ofSeconds(10),
          "the other instance sees the answer",
          () -> other.http("tok_123").isPresent());
      assertThat(other.http("tok_123")).contains("tok_123.thumbprint");
      assertThat(other.http("unknown")).isEmpty();

      ordering.removeHttp("tok_123");
      Poll.until(
          Duration.ofSeconds(10),
          "the withdrawn answer is gone",
          () -> other.http("tok_123").isEmpty());
    }
  }
}
