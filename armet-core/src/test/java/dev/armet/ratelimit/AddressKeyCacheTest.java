package dev.armet.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The cache of client addresses' store keys (issue 18): a hit is exactly the uncached answer, an
 * address never gets another's key (even one with the same {@code hashCode}), and the size stays
 * under its bound whatever a flood brings.
 */
class AddressKeyCacheTest {
  final AtomicInteger computed = new AtomicInteger();
  final AddressKeyCache cache =
      new AddressKeyCache(
          address -> {
            computed.incrementAndGet();
            return "p:" + address + "#";
          });

  @Test
  void returningAddress_computedOnce_andAnsweredAsUncached() {
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 1000; i++) {
        String address = new String("10.0." + (i >>> 8) + "." + (i & 255)); // a new instance
        assertThat(cache.storeKey(address)).isEqualTo("p:" + address + "#");
      }
    }
    assertThat(computed).hasValue(1000);
  }

  @Test
  void sameHashCode_neverAnotherAddresssKey() {
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    for (int i = 0; i < 100; i++) {
      assertThat(cache.storeKey("Aa" + i)).isEqualTo("p:Aa" + i + "#");
      assertThat(cache.storeKey("BB" + i)).isEqualTo("p:BB" + i + "#");
    }
  }

  @Test
  void floodOfAddresses_staysUnderTheBound_andStillAnswersExactly() {
    for (int i = 0; i < 3 * AddressKeyCache.MAX + 7; i++) {
      String address = "198.18." + (i >>> 8 & 255) + "." + (i & 255) + "/" + (i >>> 16);
      assertThat(cache.storeKey(address)).isEqualTo("p:" + address + "#");
      assertThat(cache.size()).isLessThanOrEqualTo(AddressKeyCache.MAX);
    }
  }
}
