package dev.armet.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armet.spi.RateLimitCommand.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A one-key command ({@link RateLimitCommand#of(String, LimitRule, Operation, long, long, long)}
 * and its shorter {@code apply}, issue 18) decides exactly what the general form decides, for every
 * operation, both algorithms, dry run or not, and states around the limit and the block.
 */
class OneKeyCommandTest {
  static final long NOW = 1_700_000_000_000_000L;

  @Test
  void oneKeyForm_decidesAsTheListForm() {
    int compared = 0;
    for (LimitRule rule : rules()) {
      for (Operation op : Operation.values()) {
        for (LimitState state : states()) {
          for (long points : new long[] {1, 2, 3}) {
            RateLimitCommand one = RateLimitCommand.of("k", rule, op, points, NOW, 5_000_000);
            RateLimitCommand list =
                RateLimitCommand.of(
                    List.of("k"), List.of(rule), op, new long[] {points}, NOW, 5_000_000);
            assertSame(one.apply(new LimitState[] {state}), list.apply(new LimitState[] {state}));
            assertSame(
                one.atMicros(NOW + 1).apply(new LimitState[] {state}),
                list.atMicros(NOW + 1).apply(new LimitState[] {state}));
            assertThat(one.points(0)).isEqualTo(points);
            assertThat(one.keys()).isEqualTo(list.keys());
            assertThat(one.rules()).isEqualTo(list.rules());
            compared++;
          }
        }
      }
    }
    assertThat(compared).isGreaterThan(500);
  }

  private static void assertSame(RateLimitCommand.Result a, RateLimitCommand.Result b) {
    assertThat(a.allowed()).isEqualTo(b.allowed());
    assertThat(a.mustWrite(0)).isEqualTo(b.mustWrite(0));
    assertThat(a.expiresAtMicros(0)).isEqualTo(b.expiresAtMicros(0));
    assertThat(encoded(a.state(0))).isEqualTo(encoded(b.state(0)));
    assertThat(a.statuses()).hasSize(1);
    assertThat(a.statuses().get(0).toString()).isEqualTo(b.statuses().get(0).toString());
    assertThat(a.statuses().get(0).consumed()).isEqualTo(b.statuses().get(0).consumed());
  }

  private static String encoded(LimitState s) {
    return s == null ? "absent" : Arrays.toString(s.encode());
  }

  private static List<LimitRule> rules() {
    List<LimitRule> rules = new ArrayList<>();
    for (LimitRule.Kind kind : LimitRule.Kind.values()) {
      for (boolean dryRun : new boolean[] {false, true}) {
        rules.add(LimitRule.of("r", kind, 3, 1_000_000, 0, dryRun));
        rules.add(LimitRule.of("b", kind, 3, 1_000_000, 10_000_000, dryRun));
      }
    }
    return rules;
  }

  private static List<LimitState> states() {
    List<LimitState> states = new ArrayList<>();
    states.add(null);
    for (long a : new long[] {NOW - 2_000_000, NOW, NOW + 1_000_000, NOW + 3_000_000}) {
      for (long b : new long[] {0, 2, 3}) {
        for (long blocked : new long[] {0, NOW - 1, NOW + 4_000_000}) {
          states.add(LimitState.of(a, b, blocked));
        }
      }
    }
    return states;
  }
}
