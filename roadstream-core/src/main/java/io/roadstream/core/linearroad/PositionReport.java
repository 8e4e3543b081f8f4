package io.roadstream.core.linearroad;

/**
 * Type 0: a car's position, sent every 30 s while it is on an expressway.
 *
 * @param speed mph, 0..100
 * @param lane  0 entry ramp, 1..3 travel lanes, 4 exit ramp
 * @param dir   0 eastbound (segments increase), 1 westbound (segments decrease)
 * @param seg   mile-long segment, 0..99
 * @param pos   feet from the expressway's west end, 0..527999
 */
public record PositionReport(int time, int vid, int speed, int xway, int lane, int dir, int seg, int pos)
    implements LinearRoadInput {

  public static final int ENTRY_LANE = 0;
  public static final int EXIT_LANE = 4;

  public boolean onExitLane() {
    return lane == EXIT_LANE;
  }

  /** Simulation minute, numbered from 1: seconds 0..59 are minute 1. */
  public int minute() {
    return LinearRoad.minuteOf(time);
  }
}
