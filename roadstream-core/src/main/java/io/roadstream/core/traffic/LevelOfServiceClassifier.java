package io.roadstream.core.traffic;

import io.roadstream.core.event.LevelOfService;

/**
 * Level of Service by the Highway Capacity Manual.
 * <ul>
 *   <li>Uninterrupted flow (motorways, expressways): by density, HCM basic freeway segment thresholds in
 *       passenger cars per mile per lane: A ≤ 11, B ≤ 18, C ≤ 26, D ≤ 35, E ≤ 45, F above. Vehicles are counted as
 *       passenger cars (no heavy-vehicle factor: detectors here do not classify vehicles). Queued traffic — slower
 *       than the speed at capacity — is F whatever its density.</li>
 *   <li>Signalised streets (arterials, collectors): by travel speed as a share of free-flow speed, HCM 2010 urban
 *       street thresholds: A &gt; 85 %, B &gt; 67 %, C &gt; 50 %, D &gt; 40 %, E &gt; 30 %, F ≤ 30 %.</li>
 * </ul>
 */
public final class LevelOfServiceClassifier {

  public static final double KM_PER_MILE = 1.609344;

  private static final double[] DENSITY_PC_PER_MI_LN = {11, 18, 26, 35, 45};
  private static final double[] SPEED_SHARE = {0.85, 0.67, 0.50, 0.40, 0.30};
  private static final LevelOfService[] LEVELS = LevelOfService.values();

  private LevelOfServiceClassifier() {}

  /** @param densityVehPerKmPerLane vehicles per km per lane, at least 0 */
  public static LevelOfService fromDensity(double densityVehPerKmPerLane) {
    double perMile = densityVehPerKmPerLane * KM_PER_MILE;
    for (int i = 0; i < DENSITY_PC_PER_MI_LN.length; i++) {
      if (perMile <= DENSITY_PC_PER_MI_LN[i]) {
        return LEVELS[i];
      }
    }
    return LevelOfService.F;
  }

  /**
   * Uninterrupted flow by density, except that a space-mean speed below the road's speed at capacity is F: the traffic
   * is on the congested branch of the speed–flow relation, in a queue behind a bottleneck, and the HCM rates a segment
   * F whenever demand exceeds capacity. There the flow a detector counts is what the bottleneck lets through, not the
   * demand, and flow / speed can understate the density.
   *
   * @param speedKmh the segment's space-mean speed; {@code null} when unknown (density alone decides)
   */
  public static LevelOfService fromDensityAndSpeed(double densityVehPerKmPerLane, Double speedKmh,
      double speedAtCapacityKmh) {
    if (speedKmh != null && speedKmh < speedAtCapacityKmh) {
      return LevelOfService.F;
    }
    return fromDensity(densityVehPerKmPerLane);
  }

  public static LevelOfService fromSpeedRatio(double speedKmh, double freeFlowKmh) {
    double share = speedKmh / freeFlowKmh;
    for (int i = 0; i < SPEED_SHARE.length; i++) {
      if (share > SPEED_SHARE[i]) {
        return LEVELS[i];
      }
    }
    return LevelOfService.F;
  }
}
