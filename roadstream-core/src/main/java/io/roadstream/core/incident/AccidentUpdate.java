package io.roadstream.core.incident;

/**
 * The result of one event fed to {@link AccidentDetector}.
 *
 * @param state  the state to keep for the position, or null when no vehicle is stopped there any more (remove it)
 * @param change whether this event detected or cleared the position's accident
 */
public record AccidentUpdate<V>(StoppedVehicles<V> state, Change change) {

  public enum Change { NONE, DETECTED, CLEARED }

  public boolean detected() {
    return change == Change.DETECTED;
  }

  public boolean cleared() {
    return change == Change.CLEARED;
  }
}
