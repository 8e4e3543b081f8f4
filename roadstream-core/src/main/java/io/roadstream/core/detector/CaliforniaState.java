package io.roadstream.core.detector;

import java.io.Serializable;

/**
 * What {@link CaliforniaDetector} remembers about one station pair between intervals.
 *
 * @param lastIntervalStart start of the last interval decided on, epoch ms; {@link #NONE} before the first
 * @param detectedAt        start of the interval the current incident was first detected in; {@link #NONE} when
 *                          incident-free
 */
public record CaliforniaState(Status status, long lastIntervalStart, long detectedAt) implements Serializable {

  public static final long NONE = Long.MIN_VALUE;

  public enum Status { INCIDENT_FREE, TENTATIVE, CONFIRMED }

  /** The state of a pair never seen before. */
  public static CaliforniaState initial() {
    return new CaliforniaState(Status.INCIDENT_FREE, NONE, NONE);
  }
}
