package dev.armet.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armet.event.SecurityEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SafePatternTest {
  final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

  @Test
  void matches_ordinaryInput_sameAnswersAsPattern() {
    SafePattern p = SafePattern.compile("(\\w+\\s?)*$", b -> b.events(events::add));

    assertThat(p.matches("hello world")).isTrue();
    assertThat(p.find("  x").orElseThrow().group()).isEqualTo("x");
    assertThat(p.lookingAt("!")).isFalse();
    assertThat(SafePattern.compile("a+").replaceAll("baaac", "-")).isEqualTo("b-c");
    assertThat(events).isEmpty();
  }

  @Test
  void matches_exponentialAttack_refusedWithEventNotHung() {
    SafePattern p =
        SafePattern.compile(
            "(a|aa)*?b", b -> b.events(events::add).maxSteps(100_000).stepsPerChar(10));

    assertThatThrownBy(() -> p.matches("a".repeat(60)))
        .isInstanceOfSatisfying(
            RegexBudgetExceededException.class,
            e -> assertThat(e.limit()).isEqualTo(RegexBudgetExceededException.Limit.STEPS))
        .hasMessageContaining("(a|aa)*?b")
        .hasMessageContaining("step budget")
        .hasMessageContaining("60 characters");
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo("input_regex_budget_exceeded");
              assertThat(e.fields())
                  .containsEntry("limit", "steps")
                  .containsEntry("inputLength", 60)
                  .doesNotContainValue("a".repeat(60));
            });
  }

  @Test
  void matches_stackOverflowingInput_refusedNeverEscapes() throws InterruptedException {
    SafePattern p = SafePattern.compile("(a|b)*", b -> b.events(events::add));
    Throwable[] thrown = new Throwable[1];
    Thread small =
        new Thread(
            null,
            () -> {
              try {
                p.matches("ab".repeat(50_000));
              } catch (Throwable e) {
                thrown[0] = e;
              }
            },
            "small-stack",
            512 * 1024);
    small.start();
    small.join(60_000);

    assertThat(thrown[0])
        .isInstanceOfSatisfying(
            RegexBudgetExceededException.class,
            e -> assertThat(e.limit()).isEqualTo(RegexBudgetExceededException.Limit.STACK));
    assertThat(events)
        .singleElement()
        .satisfies(e -> assertThat(e.fields()).containsEntry("limit", "stack"));
  }

  @Test
  void matches_timeLimitOnly_refusedWithTimeLimit() {
    SafePattern p =
        SafePattern.compile(
            "(a|aa)*?b",
            b -> b.events(events::add).maxSteps(Long.MAX_VALUE / 2).timeout(Duration.ofMillis(20)));

    assertThatThrownBy(() -> p.matches("a".repeat(200)))
        .isInstanceOfSatisfying(
            RegexBudgetExceededException.class,
            e -> assertThat(e.limit()).isEqualTo(RegexBudgetExceededException.Limit.TIME))
        .hasMessageContaining("ran longer than 20 ms");
    assertThat(events)
        .singleElement()
        .satisfies(e -> assertThat(e.fields()).containsEntry("limit", "time"));
  }

  @Test
  void build_badSettings_preciseErrors() {
    assertThatThrownBy(() -> SafePattern.builder("a").maxSteps(0).build())
        .hasMessage("maxSteps must be >= 1, was 0");
    assertThatThrownBy(() -> SafePattern.builder("a").stepsPerChar(-1).build())
        .hasMessage("stepsPerChar must be >= 0, was -1");
    assertThatThrownBy(() -> SafePattern.builder("a").timeout(Duration.ZERO).build())
        .hasMessageContaining("timeout must be positive");
    assertThatThrownBy(() -> SafePattern.compile("x{,3}"))
        .isInstanceOf(java.util.regex.PatternSyntaxException.class);
  }
}
