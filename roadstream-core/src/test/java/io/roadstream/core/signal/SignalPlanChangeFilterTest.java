package io.roadstream.core.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roadstream.core.event.SignalPlan;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalPlanChangeFilterTest {

  private static final long T0 = Instant.parse("2026-11-27T07:30:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;

  private final SignalPlanChangeFilter filter = new SignalPlanChangeFilter();

  private static SignalPlan plan(long windowEnd, double cycle, double greenNs, boolean oversaturated) {
    double greenEw = cycle - 12 - greenNs;
    return new SignalPlan("I", windowEnd, cycle, 12,
        List.of(new SignalPlan.Phase(List.of("N", "S"), 0.3, greenNs), new SignalPlan.Phase(List.of("E", "W"), 0.2, greenEw)),
        0.5, oversaturated, windowEnd - MINUTE, windowEnd);
  }

  @Test
  void theFirstPlanIsAlwaysPublished() {
    assertThat(filter.shouldPublish(null, plan(T0, 60, 30, false))).isTrue();
  }

  @Test
  void jitterWithinTheThresholdsIsNotPublished() {
    SignalPlan last = plan(T0, 60, 30, false);

    assertThat(filter.shouldPublish(last, plan(T0 + MINUTE, 64, 32, false))).isFalse(); // Δcycle 4, Δgreens 2 and 2
    assertThat(filter.shouldPublish(last, last)).isFalse();
  }

  @Test
  void aCycleChangeAboveTheThresholdIsPublished() {
    SignalPlan last = plan(T0, 60, 30, false);

    assertThat(filter.shouldPublish(last, plan(T0 + MINUTE, 65.5, 32, false))).isTrue(); // greens 32 and 21.5
    assertThat(filter.shouldPublish(last, plan(T0 + MINUTE, 55, 27.5, false))).isFalse(); // exactly 5: not more
  }

  @Test
  void aGreenShiftAtTheSameCycleIsPublished() {
    SignalPlan last = plan(T0, 60, 30, false);

    assertThat(filter.shouldPublish(last, plan(T0 + MINUTE, 60, 34, false))).isTrue();
  }

  @Test
  void becomingOversaturatedIsPublishedEvenWithTheSameTiming() {
    assertThat(filter.shouldPublish(plan(T0, 150, 70, false), plan(T0 + MINUTE, 150, 70, true))).isTrue();
  }

  @Test
  void aDifferentPhaseStructureIsPublished() {
    SignalPlan last = plan(T0, 60, 30, false);
    SignalPlan onePhase = new SignalPlan("I", T0 + MINUTE, 60, 12,
        List.of(new SignalPlan.Phase(List.of("N", "S"), 0.3, 48)), 0.3, false, T0, T0 + MINUTE);

    assertThat(filter.shouldPublish(last, onePhase)).isTrue();
  }

  @Test
  void aPlanFromOlderWindowsIsNeverPublished() {
    SignalPlan last = plan(T0 + MINUTE, 60, 30, false);

    assertThat(filter.shouldPublish(last, plan(T0, 120, 80, true))).isFalse();
  }

  @Test
  void thresholdsAreConfigurable() {
    SignalPlanChangeFilter strict = new SignalPlanChangeFilter(0, 0);

    assertThat(strict.shouldPublish(plan(T0, 60, 30, false), plan(T0 + MINUTE, 60, 30.1, false))).isTrue();
    assertThatThrownBy(() -> new SignalPlanChangeFilter(-1, 3)).hasMessageContaining("cycleThresholdS");
    assertThatThrownBy(() -> new SignalPlanChangeFilter(5, Double.NaN)).hasMessageContaining("greenThresholdS");
  }

  @Test
  void plansOfDifferentIntersectionsAreNotCompared() {
    SignalPlan other = new SignalPlan("J", T0, 60, 12, List.of(), 0, false, T0, T0);

    assertThatThrownBy(() -> filter.shouldPublish(plan(T0, 60, 30, false), other)).hasMessageContaining("'J'");
  }
}
