package io.roadstream.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InputProgressTest {

  @Test
  void aTimeIsReachedWhenTheSlowestPartitionHasBeenSentAnEventAtOrAfterIt() {
    InputProgress progress = new InputProgress(2, 1);
    progress.sent(0, 0, 1_000, 10);
    progress.sent(0, 1, 900, 11);
    progress.sent(1, 0, 1_200, 12);
    progress.sent(0, 1, 1_000, 20);

    assertThat(progress.reachedAt(1_000)).as("partition 0/1 reached 1,000 last, at 20").isEqualTo(20);
    assertThat(progress.reachedAt(900)).as("every partition was at 900 or later by 12").isEqualTo(12);
  }

  @Test
  void aTimeSomePartitionNeverReachedIsNotReached() {
    InputProgress progress = new InputProgress(1, 1);
    progress.sent(0, 0, 5_000, 1);
    progress.sent(1, 0, 4_000, 2);

    assertThat(progress.reachedAt(4_500)).isEqualTo(-1);
  }

  @Test
  void anEventBehindItsPartitionsNewestDoesNotMoveIt() {
    InputProgress progress = new InputProgress(1);
    progress.sent(0, 0, 2_000, 1);
    progress.sent(0, 0, 1_500, 2);
    progress.sent(0, 0, 2_500, 3);

    assertThat(progress.reachedAt(1_500)).as("2,000 at 1 already passed 1,500").isEqualTo(1);
    assertThat(progress.reachedAt(2_200)).isEqualTo(3);
  }

  @Test
  void keepsEveryStepOfALongRun() {
    InputProgress progress = new InputProgress(1);
    for (int t = 1; t <= 100_000; t++) {
      progress.sent(0, 0, t * 10L, t);
    }
    assertThat(progress.reachedAt(123_455)).isEqualTo(12_346);
  }

  @Test
  void refusesAPartitionTheTopicDoesNotHave() {
    InputProgress progress = new InputProgress(4, 4);
    assertThatThrownBy(() -> progress.sent(1, 4, 0, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4 partitions");
  }
}
