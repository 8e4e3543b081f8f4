package io.roadstream.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypicalSpeedTest {

  private static final WeekSlot MONDAY_EIGHT = new WeekSlot(32);

  @Test
  void isTheMedianOfTheWeeksWithInterpolatedPercentiles() {
    TypicalSpeed t = TypicalSpeed.of(MONDAY_EIGHT, List.of(80.0, 10.0, 30.0, 50.0, 20.0, 70.0, 40.0, 60.0))
        .orElseThrow();
    // sorted 10..80; median between 40 and 50; p15 at rank 1.05 → 20.5; p85 at rank 5.95 → 69.5
    assertThat(t.medianKmh()).isCloseTo(45, within(1e-12));
    assertThat(t.p15Kmh()).isCloseTo(20.5, within(1e-12));
    assertThat(t.p85Kmh()).isCloseTo(69.5, within(1e-12));
    assertThat(t.samples()).isEqualTo(8);
    assertThat(t.slot()).isEqualTo(MONDAY_EIGHT);
  }

  @Test
  void aCrashWeekBarelyMovesItWhereItWouldDragTheMean() {
    List<Double> weeks = Arrays.asList(92.0, 95.0, 90.0, 94.0, 93.0, 91.0, 96.0, 12.0);
    TypicalSpeed t = TypicalSpeed.of(MONDAY_EIGHT, weeks).orElseThrow();
    double mean = weeks.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertThat(t.medianKmh()).isCloseTo(92.5, within(1e-12));
    assertThat(mean).isLessThan(83);
  }

  @Test
  void oneWeekIsItsOwnTypicalAndGapsAreSkipped() {
    TypicalSpeed t = TypicalSpeed.of(MONDAY_EIGHT, Arrays.asList(null, 64.0, Double.NaN)).orElseThrow();
    assertThat(t.medianKmh()).isEqualTo(64.0);
    assertThat(t.p15Kmh()).isEqualTo(64.0);
    assertThat(t.p85Kmh()).isEqualTo(64.0);
    assertThat(t.samples()).isEqualTo(1);
  }

  @Test
  void noWeekWithASpeedHasNoTypical() {
    assertThat(TypicalSpeed.of(MONDAY_EIGHT, List.of())).isEmpty();
    assertThat(TypicalSpeed.of(MONDAY_EIGHT, Arrays.asList(null, null))).isEmpty();
  }

  @Test
  void anOddNumberOfWeeksHasTheMiddleOne() {
    assertThat(TypicalSpeed.of(MONDAY_EIGHT, List.of(70.0, 30.0, 50.0)).orElseThrow().medianKmh()).isEqualTo(50.0);
  }
}
