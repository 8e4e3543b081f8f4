package io.roadstream.core.linearroad;

/** The constants and small formulas of the Linear Road benchmark, as its public validator computes them. */
public final class LinearRoad {

  /** Below this many cars in a segment's previous minute there is no toll. */
  public static final int TOLL_FREE_CARS = 50;
  /** At or above this LAV (mph) there is no toll. */
  public static final int TOLL_FREE_LAV = 40;
  /** LAV averages the segment's speed readings over this many minutes before the current one. */
  public static final int LAV_MINUTES = 5;
  /** Accidents this many segments downstream (and in the car's own segment) concern a car entering a segment. */
  public static final int ACCIDENT_UPSTREAM_SEGMENTS = 4;

  private LinearRoad() {}

  /** Simulation minute of a time in seconds, numbered from 1. */
  public static int minuteOf(int time) {
    return time / 60 + 1;
  }

  /** The toll for a segment whose previous minute saw {@code numv} distinct cars, before LAV and accidents. */
  public static int congestionToll(int numv) {
    if (numv <= TOLL_FREE_CARS) {
      return 0;
    }
    int excess = numv - TOLL_FREE_CARS;
    return 2 * excess * excess;
  }

  /**
   * Latest average velocity, mph: the mean of all speed readings, rounded half up, 0 without readings. Float
   * division on purpose: it is what the validator rounds, and a double could round a few x.5 cases differently.
   */
  public static int lav(long speedSum, long readings) {
    return readings == 0 ? 0 : Math.round(speedSum / (float) readings);
  }

  /**
   * The segment whose accident a car entering {@code seg} travelling in direction {@code dir} meets at distance
   * {@code i} (0 = its own segment): downstream is increasing segments eastbound (dir 0), decreasing westbound.
   */
  public static int downstreamSegment(int seg, int dir, int i) {
    return dir == 0 ? seg + i : seg - i;
  }
}
