package io.roadstream.core.incident;

/**
 * The result of one report fed to {@link StoppedVehicleDetector}: the state to keep, and what changed.
 *
 * @param state       the state to store for the vehicle, never null
 * @param stoppedAt   the position where this report made the vehicle stopped, or null if it did not
 * @param resumedFrom the position the vehicle was stopped at and has now left, or null if it was not stopped there
 */
public record StopTransition<P>(StopState<P> state, P stoppedAt, P resumedFrom) {

  public boolean becameStopped() {
    return stoppedAt != null;
  }

  public boolean resumed() {
    return resumedFrom != null;
  }
}
