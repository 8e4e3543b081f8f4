package io.roadstream.ingest.simulator;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * A staged traffic day: when it starts (time of day, UTC), how long it lasts, how fast it is played (simulated seconds
 * per wall-clock second, 0 = as fast as possible), how demand varies over the day and which incidents happen.
 * Load one with {@link ScenarioLoader}.
 */
public record Scenario(
    String name,
    LocalTime start,
    Duration duration,
    double speedFactor,
    List<DemandPoint> demand,
    List<ScenarioIncident> incidents) {

  public Scenario {
    demand = List.copyOf(demand);
    incidents = List.copyOf(incidents);
  }

  /** Seconds from the scenario's start to a time of day, counted forward, so a scenario may run past midnight. */
  public long secondsFromStart(LocalTime timeOfDay) {
    long seconds = timeOfDay.toSecondOfDay() - start.toSecondOfDay();
    return seconds < 0 ? seconds + 24 * 3600 : seconds;
  }
}
