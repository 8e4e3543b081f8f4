package io.roadstream.core.linearroad;

import io.roadstream.core.incident.StopState;
import java.io.Serializable;

/**
 * What one expressway-direction remembers of a car on it.
 *
 * @param lastTime    time of its last report
 * @param seg         segment of its last report
 * @param stop        position of its last report and how many consecutive reports came from there (its lane too)
 * @param pendingToll toll computed when it entered {@code seg}, to be charged when it enters the next segment
 */
public record VehicleState(int lastTime, int seg, StopState<LanePosition> stop, int pendingToll)
    implements Serializable {

  public int lane() {
    return stop.position().lane();
  }
}
