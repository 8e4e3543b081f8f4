package io.roadstream.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roadstream.core.config.RoadstreamConfig;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

  private final RetrySchedule defaults = RetrySchedule.of(RoadstreamConfig.defaults().dispatch().retry());

  private static long[] delaysMs(RetrySchedule schedule, int attempts) {
    return IntStream.rangeClosed(1, attempts).mapToLong(n -> schedule.delayAfter(n).toMillis()).toArray();
  }

  @Test
  void defaultsDoubleFromHalfASecondUpToAMinute() {
    assertThat(delaysMs(defaults, 8)).containsExactly(500, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000);
    assertThat(defaults.maxAttempts()).isEqualTo(8);
  }

  @Test
  void theCapHoldsForEveryLaterAttemptWithoutOverflow() {
    assertThat(defaults.delayAfter(9)).isEqualTo(Duration.ofMinutes(1));
    assertThat(defaults.delayAfter(5_000)).isEqualTo(Duration.ofMinutes(1));
    assertThat(defaults.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void aFractionalMultiplierGrowsSlowerAndAMultiplierOfOneIsAFixedDelay() {
    RetrySchedule gentle = new RetrySchedule(5, Duration.ofMillis(100), Duration.ofMillis(300), 1.5);
    RetrySchedule fixed = new RetrySchedule(3, Duration.ofMillis(250), Duration.ofMillis(250), 1.0);

    assertThat(delaysMs(gentle, 5)).containsExactly(100, 150, 225, 300, 300);
    assertThat(delaysMs(fixed, 3)).containsExactly(250, 250, 250);
  }

  @Test
  void exhaustedAfterMaxAttempts() {
    RetrySchedule three = new RetrySchedule(3, Duration.ofMillis(10), Duration.ofMillis(40), 2);

    assertThat(three.exhausted(2)).isFalse();
    assertThat(three.exhausted(3)).isTrue();
    assertThat(three.exhausted(4)).isTrue();
  }

  @Test
  void thereIsNoDelayBeforeTheFirstAttempt() {
    assertThatThrownBy(() -> defaults.delayAfter(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}
