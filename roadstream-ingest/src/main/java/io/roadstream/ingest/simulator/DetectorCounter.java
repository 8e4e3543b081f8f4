package io.roadstream.ingest.simulator;

import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.Detector;

/**
 * Accumulates one detector's measurements over an interval: crossings, their spot speeds, and the time the
 * detection zone (vehicle length plus detector length) was occupied, which includes vehicles standing on it.
 */
final class DetectorCounter {

  static final double VEHICLE_LENGTH_M = 4.5;
  static final double DETECTOR_LENGTH_M = 2.0;
  private static final double ZONE_M = VEHICLE_LENGTH_M + DETECTOR_LENGTH_M;

  final Detector detector;
  private final int lanes;
  private int count;
  private double speedSumKmh;
  private double occupiedS;

  DetectorCounter(Detector detector, int lanes) {
    this.detector = detector;
    this.lanes = lanes;
  }

  double offsetM() {
    return detector.offsetM();
  }

  /**
   * A vehicle's front moved from {@code fromM} to {@code toM} (offsets on the segment) during {@code dtS} seconds,
   * at {@code speedKmh} as the detector measures it.
   */
  void observe(double fromM, double toM, double dtS, double speedKmh) {
    double d = detector.offsetM();
    if (toM > fromM) {
      if (fromM < d && d <= toM) {
        count++;
        speedSumKmh += speedKmh;
      }
      // the zone is occupied while the vehicle's front is within [d, d + vehicle + detector length)
      double overlap = Math.min(toM, d + ZONE_M) - Math.max(fromM, d);
      if (overlap > 0) {
        occupiedS += overlap / (toM - fromM) * dtS;
      }
    } else if (fromM >= d && fromM < d + ZONE_M) {
      occupiedS += dtS;
    }
  }

  /**
   * The reading for the interval starting at {@code intervalStart}, then starts a new interval. Occupancy is the
   * mean over the station's lanes, as loop stations report it, so a busy multi-lane road stays below 1.
   */
  SensorReading flush(long intervalStart, int intervalS) {
    Double speed = count == 0 ? null : round(speedSumKmh / count, 10);
    double occupancy = Math.min(1.0, occupiedS / (intervalS * (double) lanes));
    SensorReading reading = new SensorReading(detector.id(), intervalStart, intervalS, count, speed,
        round(occupancy, 1000));
    count = 0;
    speedSumKmh = 0;
    occupiedS = 0;
    return reading;
  }

  private static double round(double value, double scale) {
    return Math.round(value * scale) / scale;
  }
}
