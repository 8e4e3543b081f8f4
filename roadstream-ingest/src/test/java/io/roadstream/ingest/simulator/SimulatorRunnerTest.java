package io.roadstream.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner's pure parts: pacing arithmetic and the demo's start; producing is {@link SimulatorRunnerIT}'s. */
class SimulatorRunnerTest {

  private static final Scenario SHORT = new Scenario("short", LocalTime.of(7, 0), Duration.ofMinutes(2), 0,
      List.of(new DemandPoint(LocalTime.of(7, 0), 0.5)), List.of());

  @Test
  void pacesBySpeedFactorFromItsAnchors() {
    assertThat(SimulatorRunner.targetSimMillis(10, 1_000_000, 5_000, 6_000, 1_000_000)).isEqualTo(1_010_000);
    assertThat(SimulatorRunner.targetSimMillis(1, 1_000_000, 5_000, 6_000, 1_000_000)).isEqualTo(1_001_000);
    assertThat(SimulatorRunner.targetSimMillis(0, 1_000_000, 5_000, 5_000, 1_000_000)).isGreaterThan(1_000_000);
  }

  @Test
  void demoStartsOnTheMostRecentDayTheScenarioStartHasPassed() {
    Scenario morning = new Scenario("m", LocalTime.of(6, 45), Duration.ofHours(1), 10, SHORT.demand(), List.of());

    assertThat(SimulatorRunner.demoStart(morning, Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC)))
        .isEqualTo(Instant.parse("2026-11-27T06:45:00Z"));
    assertThat(SimulatorRunner.demoStart(morning, Clock.fixed(Instant.parse("2026-11-27T06:45:00Z"), ZoneOffset.UTC)))
        .isEqualTo(Instant.parse("2026-11-27T06:45:00Z"));
    assertThat(SimulatorRunner.demoStart(morning, Clock.fixed(Instant.parse("2026-11-27T05:00:00Z"), ZoneOffset.UTC)))
        .isEqualTo(Instant.parse("2026-11-26T06:45:00Z"));
  }
}
