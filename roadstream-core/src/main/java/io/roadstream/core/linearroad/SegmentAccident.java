package io.roadstream.core.linearroad;

import java.io.Serializable;

/**
 * An accident in a segment of one expressway-direction and the minutes it is announced in: from the minute after
 * the one it was detected in, until the minute it cleared, both inclusive (none if it cleared in its first minute).
 *
 * @param detectedTime seconds
 * @param clearedTime  seconds, or {@link #NOT_CLEARED}
 */
public record SegmentAccident(int detectedTime, int clearedTime) implements Serializable {

  public static final int NOT_CLEARED = -1;

  public static SegmentAccident detectedAt(int time) {
    return new SegmentAccident(time, NOT_CLEARED);
  }

  public boolean cleared() {
    return clearedTime != NOT_CLEARED;
  }

  public SegmentAccident clearedAt(int time) {
    return new SegmentAccident(detectedTime, time);
  }

  /** Whether cars entering a segment upstream in {@code minute} are alerted of this accident. */
  public boolean alertsIn(int minute) {
    if (minute < LinearRoad.minuteOf(detectedTime) + 1) {
      return false;
    }
    return !cleared() || minute <= LinearRoad.minuteOf(clearedTime);
  }
}
