package io.roadstream.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SustainedRateTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void leavesOutTheStartAndTheEndOfARun() {
    // 2 s of start-up reading nothing, then 10,000 records at 2,000 a second (sampled every half second), then 1 s
    // to finish: 1,250 records a second over the whole run, 2,000 while it read
    List<SustainedRate.Sample> samples = new ArrayList<>();
    samples.add(sample(0, 0));
    for (int half = 0; half <= 10; half++) {
      samples.add(new SustainedRate.Sample(2 * SECOND + half * SECOND / 2, half * 1000L));
    }
    samples.add(sample(8, 10_000));

    SustainedRate rate = SustainedRate.of(samples, 10_000);

    assertThat(rate.fromCount()).isEqualTo(1_000);
    assertThat(rate.fromNanos()).as("the sample at 1,000 records gives the 10 % moment itself")
        .isEqualTo(2 * SECOND + SECOND / 2);
    assertThat(rate.toCount()).isEqualTo(9_000);
    assertThat(rate.toNanos()).isEqualTo(6 * SECOND + SECOND / 2);
    assertThat(rate.seconds()).isEqualTo(4.0);
    assertThat(rate.rate()).isEqualTo(2_000.0);
  }

  @Test
  void interpolatesBetweenTheSamplesOnEitherSideOfEachThreshold() {
    List<SustainedRate.Sample> samples = List.of(sample(0, 0), sample(1, 50), sample(2, 150), sample(3, 950),
        sample(4, 1_000));

    SustainedRate rate = SustainedRate.of(samples, 1_000);

    // 100 is half-way from 50 to 150: 1.5 s; 900 is 750 of the 800 from 150 to 950: 2 s + 0.9375 s
    assertThat(rate.fromNanos()).isEqualTo(1_500_000_000L);
    assertThat(rate.toNanos()).isEqualTo(2_937_500_000L);
    assertThat(rate.rate()).isCloseTo(800 / 1.4375, within(1e-9));
  }

  @Test
  void aCounterThatDipsIsCrossedAtItsFirstSampleAtOrAboveTheThreshold() {
    // a sum over subtasks dips while one subtask has not reported: 500 then 300
    List<SustainedRate.Sample> samples = List.of(sample(0, 0), sample(1, 500), sample(2, 300), sample(3, 1_000));

    SustainedRate rate = SustainedRate.of(samples, 1_000);

    assertThat(rate.fromNanos()).isEqualTo(200_000_000L);
    assertThat(rate.toNanos()).as("900 is 600 of the 700 from the dip at 300 to 1,000")
        .isEqualTo(2 * SECOND + Math.round(600.0 / 700 * SECOND));
  }

  @Test
  void thresholdsAreTenAndNinetyPercentRoundedUp() {
    assertThat(SustainedRate.fromCount(10)).isEqualTo(1);
    assertThat(SustainedRate.toCount(10)).isEqualTo(9);
    assertThat(SustainedRate.fromCount(7)).isEqualTo(1);
    assertThat(SustainedRate.toCount(7)).isEqualTo(7);
    assertThat(SustainedRate.fromCount(6_020_000)).isEqualTo(602_000);
    assertThat(SustainedRate.toCount(6_020_000)).isEqualTo(5_418_000);
    assertThat(SustainedRate.toCount(6_020_001)).isEqualTo(5_418_001);
  }

  @Test
  void refusesSamplesThatDoNotBracketBothThresholds() {
    assertThatThrownBy(() -> SustainedRate.of(List.of(sample(0, 0), sample(1, 800)), 1_000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never reach 900");
    assertThatThrownBy(() -> SustainedRate.of(List.of(sample(1, 200), sample(2, 1_000)), 1_000))
        .as("reading 10 % happened before the first sample, when is unknown")
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already at or above 100");
    assertThatThrownBy(() -> SustainedRate.of(List.of(), 1_000)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAnInputTooSmallForTwoThresholds() {
    assertThatThrownBy(() -> SustainedRate.of(List.of(sample(0, 0), sample(1, 1)), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too few records");
  }

  @Test
  void refusesAWindowWithoutTime() {
    assertThatThrownBy(() -> new SustainedRate(100, SECOND, 900, SECOND))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static SustainedRate.Sample sample(long seconds, long count) {
    return new SustainedRate.Sample(seconds * SECOND, count);
  }
}
