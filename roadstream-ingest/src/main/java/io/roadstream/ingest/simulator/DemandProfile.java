package io.roadstream.ingest.simulator;

import java.util.List;

/**
 * A scenario's demand multiplier over time: linear between its points, constant before the first and after the last,
 * so a simulation that outlives its scenario keeps the final demand. Times are seconds from the scenario's start.
 */
public final class DemandProfile {

  private final long[] seconds;
  private final double[] multipliers;

  public DemandProfile(Scenario scenario) {
    List<DemandPoint> points = scenario.demand();
    if (points.isEmpty()) {
      throw new IllegalArgumentException("scenario '" + scenario.name() + "': field 'demand' is empty");
    }
    seconds = new long[points.size()];
    multipliers = new double[points.size()];
    for (int i = 0; i < points.size(); i++) {
      seconds[i] = scenario.secondsFromStart(points.get(i).at());
      multipliers[i] = points.get(i).multiplier();
      if (i > 0 && seconds[i] <= seconds[i - 1]) {
        throw new IllegalArgumentException("scenario '" + scenario.name() + "': field 'demand[" + i
            + "].at' must come after the previous point");
      }
    }
  }

  /** The multiplier {@code secondsFromStart} seconds after the scenario's start (negative: before it). */
  public double multiplierAt(double secondsFromStart) {
    if (secondsFromStart <= seconds[0]) {
      return multipliers[0];
    }
    for (int i = 1; i < seconds.length; i++) {
      if (secondsFromStart <= seconds[i]) {
        double t = (secondsFromStart - seconds[i - 1]) / (double) (seconds[i] - seconds[i - 1]);
        return multipliers[i - 1] + t * (multipliers[i] - multipliers[i - 1]);
      }
    }
    return multipliers[multipliers.length - 1];
  }
}
