package io.roadstream.core.incident;

import java.util.Objects;

/**
 * Decides, one report at a time, whether a vehicle is stopped: it is stopped from its N-th consecutive report at
 * the same position (N = 4 in Linear Road) until it reports from a different position. "The same position" is
 * equality of the position key the caller chooses — (lane, offset) exact for Linear Road, a rounded linear reference
 * for noisy probes.
 *
 * <p>Pure and stateless: the vehicle's {@link StopState} is passed in and the next one returned, so a keyed stream
 * operator can keep it in its per-vehicle state. Reports must be fed in time order per vehicle.
 */
public final class StoppedVehicleDetector<P> {

  /** Linear Road: a car is stopped at its 4th consecutive report from the same position. */
  public static final int LINEAR_ROAD_REPORTS_TO_STOP = 4;

  private final int reportsToStop;

  public StoppedVehicleDetector(int reportsToStop) {
    // One report cannot tell a stopped vehicle from a moving one, so "stopped" needs at least a repeat.
    if (reportsToStop < 2) {
      throw new IllegalArgumentException("reportsToStop must be >= 2, was " + reportsToStop);
    }
    this.reportsToStop = reportsToStop;
  }

  public int reportsToStop() {
    return reportsToStop;
  }

  public boolean isStopped(StopState<P> state) {
    return state != null && state.consecutiveReports() >= reportsToStop;
  }

  /**
   * The vehicle's next state after a report from {@code position}.
   *
   * @param previous the vehicle's state, or null for a vehicle not seen before (or forgotten)
   */
  public StopTransition<P> next(StopState<P> previous, P position) {
    Objects.requireNonNull(position, "position");
    if (previous != null && previous.position().equals(position)) {
      int reports = Math.min(reportsToStop, previous.consecutiveReports() + 1);
      boolean becameStopped = reports == reportsToStop && previous.consecutiveReports() < reportsToStop;
      StopState<P> state = reports == previous.consecutiveReports() ? previous : new StopState<>(position, reports);
      return new StopTransition<>(state, becameStopped ? position : null, null);
    }
    P resumedFrom = isStopped(previous) ? previous.position() : null;
    return new StopTransition<>(new StopState<>(position, 1), null, resumedFrom);
  }
}
