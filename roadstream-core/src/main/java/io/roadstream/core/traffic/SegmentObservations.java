package io.roadstream.core.traffic;

import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import java.io.Serializable;

/**
 * The running sums that a segment's statistics for one window are computed from. Adding and merging are
 * associative and commutative (up to floating-point rounding), so a streaming engine may fold events in any order
 * and combine partial results; {@link SegmentStatsCalculator} turns the sums into statistics.
 *
 * <p>A mutable accumulator with public fields on purpose: Flink serializes it as a POJO, without Kryo.
 */
public final class SegmentObservations implements Serializable {

  /**
   * Detector spot speeds below this are taken as this for the harmonic mean: a stopped vehicle would otherwise make
   * the space-mean speed zero, whatever the others do.
   */
  public static final double MIN_SPEED_KMH = 1.0;

  public int detectorReadings;
  public long detectorVehicles;
  public long detectorSeconds;
  /** Vehicles of the readings that report a speed, and Σ count / speed over them: harmonic-mean parts. */
  public long detectorVehiclesWithSpeed;
  public double detectorInverseSpeedSum;
  /**
   * Readings of sources that measure speed but do not count vehicles (traffic APIs), and Σ 1 / speed over them:
   * their speed is used when no counted vehicle has one, and they add nothing to the flow.
   */
  public int speedOnlyReadings;
  public double speedOnlyInverseSpeedSum;
  /** Σ occupancy × interval, and Σ interval over the readings that report occupancy. */
  public double occupancySeconds;
  public long occupancyIntervalSeconds;

  public int probeReports;
  /** Σ speed over the probe reports: probes report at fixed time steps, so their plain mean is space-mean speed. */
  public double probeSpeedSum;

  public SegmentObservations() {}

  public SegmentObservations add(SensorReading r) {
    detectorReadings++;
    if (r.vehicleCount() == null) {
      if (r.avgSpeedKmh() != null) {
        speedOnlyReadings++;
        speedOnlyInverseSpeedSum += 1 / Math.max(MIN_SPEED_KMH, r.avgSpeedKmh());
      }
    } else {
      detectorVehicles += r.vehicleCount();
      detectorSeconds += r.intervalSeconds();
    }
    if (r.vehicleCount() != null && r.vehicleCount() > 0 && r.avgSpeedKmh() != null) {
      detectorVehiclesWithSpeed += r.vehicleCount();
      detectorInverseSpeedSum += r.vehicleCount() / Math.max(MIN_SPEED_KMH, r.avgSpeedKmh());
    }
    if (r.occupancy() != null) {
      occupancySeconds += r.occupancy() * r.intervalSeconds();
      occupancyIntervalSeconds += r.intervalSeconds();
    }
    return this;
  }

  public SegmentObservations add(ProbePosition p) {
    probeReports++;
    probeSpeedSum += Math.max(0, p.speedKmh());
    return this;
  }

  public SegmentObservations merge(SegmentObservations other) {
    detectorReadings += other.detectorReadings;
    detectorVehicles += other.detectorVehicles;
    detectorSeconds += other.detectorSeconds;
    detectorVehiclesWithSpeed += other.detectorVehiclesWithSpeed;
    detectorInverseSpeedSum += other.detectorInverseSpeedSum;
    speedOnlyReadings += other.speedOnlyReadings;
    speedOnlyInverseSpeedSum += other.speedOnlyInverseSpeedSum;
    occupancySeconds += other.occupancySeconds;
    occupancyIntervalSeconds += other.occupancyIntervalSeconds;
    probeReports += other.probeReports;
    probeSpeedSum += other.probeSpeedSum;
    return this;
  }

  public boolean isEmpty() {
    return detectorReadings == 0 && probeReports == 0;
  }
}
