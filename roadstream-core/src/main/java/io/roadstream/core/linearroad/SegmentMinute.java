package io.roadstream.core.linearroad;

import java.io.Serializable;

/**
 * The statistics of one segment of one expressway-direction in one simulation minute, from every position report
 * made there in that minute (exit lane included).
 *
 * @param cars     distinct cars that reported (numv for the following minute)
 * @param speedSum Σ reported speeds, mph
 * @param readings number of reports
 */
public record SegmentMinute(int cars, long speedSum, int readings) implements Serializable {

  public static final SegmentMinute EMPTY = new SegmentMinute(0, 0, 0);

  /** These statistics with one more report of {@code speed}, from a car not yet counted this minute if {@code newCar}. */
  public SegmentMinute plus(int speed, boolean newCar) {
    return new SegmentMinute(newCar ? cars + 1 : cars, speedSum + speed, readings + 1);
  }
}
