package io.roadstream.core.congestion;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentCongestionTrackerTest {

  private static final long T0 = 1_795_764_600_000L;
  private final SegmentCongestionTracker tracker = new SegmentCongestionTracker(JamSettings.DEFAULT);

  private static SegmentStats window(int minute, LevelOfService los) {
    long start = T0 + minute * 60_000L;
    return new SegmentStats("S", start, start + 60_000, null, null, null, null, null, los, 1, 0);
  }

  /** The minutes at which the state flipped, for a sequence of Levels of Service one per minute. */
  private List<Integer> flips(String levels) {
    List<Integer> flips = new ArrayList<>();
    SegmentCongestion state = null;
    for (int minute = 0; minute < levels.length(); minute++) {
      char c = levels.charAt(minute);
      SegmentCongestionTracker.Step step =
          tracker.next(state, window(minute, c == '-' ? null : LevelOfService.valueOf(String.valueOf(c))));
      state = step.state();
      if (step.changed()) {
        flips.add(minute);
      }
    }
    return flips;
  }

  @Test
  void opensAfterTwoCongestedWindowsAndClearsAfterThreeGoodOnes() {
    assertThat(flips("AAEFFFCCBAA")).containsExactly(3, 8);
  }

  @Test
  void aSingleCongestedWindowOpensNothing() {
    assertThat(flips("AFAFAFA")).isEmpty();
  }

  @Test
  void doesNotFlapOnANoisyBoundary() {
    // once open, one or two good windows among bad ones do not clear it
    assertThat(flips("EEFDEDDEFDDDA")).containsExactly(1, 11);
  }

  @Test
  void windowsWithoutALevelOfServiceAreNoEvidence() {
    assertThat(flips("E-E")).containsExactly(2);
  }

  @Test
  void anUpdateOfAWindowAlreadyCountedIsNotCountedAgain() {
    SegmentCongestionTracker.Step first = tracker.next(null, window(0, LevelOfService.F));
    SegmentCongestionTracker.Step again = tracker.next(first.state(), window(0, LevelOfService.F));

    assertThat(again.changed()).isFalse();
    assertThat(again.state()).isEqualTo(first.state());
  }
}
