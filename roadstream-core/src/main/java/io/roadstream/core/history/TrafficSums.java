package io.roadstream.core.history;

import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.traffic.SegmentObservations;

/**
 * The sums a segment's statistics over a period are computed from, kept with every rollup row so that rollups
 * combine exactly: the 1-hour row made from four 15-minute rows is the one made from the sixty 1-minute windows.
 * {@link #of(SegmentStats)} turns one window into sums, {@link #plus} adds periods, and the getters give the period's
 * statistics. Every quantity is weighted the way its physics asks, never as a mean of means:
 * <ul>
 *   <li><b>Flow</b>: vehicles add up. A window's vehicles are its flow × its length; the period's flow is Σ vehicles
 *       over Σ time that had counts, veh/h. Windows without a count (no detector) neither add nor dilute.</li>
 *   <li><b>Speed</b>: space-mean speed, Edie's total distance over total time spent, weighted by what made it. Where
 *       vehicles were counted, each vehicle spends {@code length / v} on the segment, so the period's speed is the
 *       <em>vehicle-weighted harmonic mean</em> Σn / Σ(n / v) — the same harmonic mean of detector spot speeds the
 *       windows are made with, and the one that keeps q = k · v true of the rolled-up flow, density and speed. A
 *       window whose speed no vehicle count backs (probe-only segments, a detector outage, speed-only sources such
 *       as traffic APIs) decides only when no window of the period counted vehicles, because probe reports and
 *       readings are not vehicles and cannot be put on the same scale: then probe speeds are averaged arithmetically
 *       weighted by their reports (probes report at fixed time steps, so a report is a slice of time on the segment,
 *       and the time-weighted mean is distance over time), and speed-only readings harmonically by their number,
 *       as {@link io.roadstream.core.traffic.SegmentStatsCalculator} does within a window.</li>
 *   <li><b>Density and occupancy</b>: time-weighted means, Σ k·T / Σ T over the windows that have them (density is
 *       vehicle-time per km of lane; an empty window's 0 counts, an unknown one does not).</li>
 * </ul>
 * Level of Service and travel time are not sums; {@link StatsRollup} recomputes them from the period's density and
 * speed.
 *
 * @param windows                 pipeline windows in the period
 * @param coveredS                Σ their lengths, seconds
 * @param flowS                   Σ length of the windows with a vehicle count (a flow), seconds
 * @param vehicles                Σ flow × length / 3600 over those windows
 * @param speedVehicles           Σ vehicles over the windows with both a count above 0 and a speed
 * @param speedVehicleHoursPerKm  Σ vehicles / speed over those windows (time spent per km)
 * @param speedProbeReports       Σ probe reports over the windows with a speed but no counted vehicle
 * @param speedProbeSum           Σ reports × speed over those windows
 * @param speedReadings           Σ detector readings over the windows with a speed but neither counted vehicles
 *                                nor probes (speed-only sources)
 * @param speedReadingsInverseSum Σ readings / speed over those windows
 * @param densityS                Σ length of the windows with a density, seconds
 * @param densityIntegral         Σ density × length, veh·s/km/lane
 * @param occupancyS              Σ length of the windows with an occupancy, seconds
 * @param occupancyIntegral       Σ occupancy × length, seconds
 */
public record TrafficSums(
    int windows,
    double coveredS,
    int detectorSamples,
    int probeSamples,
    double flowS,
    double vehicles,
    double speedVehicles,
    double speedVehicleHoursPerKm,
    double speedProbeReports,
    double speedProbeSum,
    double speedReadings,
    double speedReadingsInverseSum,
    double densityS,
    double densityIntegral,
    double occupancyS,
    double occupancyIntegral) {

  public static final TrafficSums NONE = new TrafficSums(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** One pipeline window as sums; a non-finite or negative value is treated as unknown. */
  public static TrafficSums of(SegmentStats s) {
    double lengthS = Math.max(0, (s.windowEnd() - s.windowStart()) / 1000.0);
    Double flow = known(s.flowVehPerHour());
    Double speed = known(s.avgSpeedKmh());
    Double density = known(s.densityVehPerKmPerLane());
    Double occupancy = known(s.occupancy());
    double vehicles = flow == null ? 0 : flow * lengthS / 3600.0;
    double speedVehicles = 0;
    double vehicleHours = 0;
    double probeReports = 0;
    double probeSum = 0;
    double readings = 0;
    double readingsInverse = 0;
    if (speed != null) {
      double clamped = Math.max(SegmentObservations.MIN_SPEED_KMH, speed);
      if (vehicles > 0) {
        speedVehicles = vehicles;
        vehicleHours = vehicles / clamped;
      } else if (s.probeSamples() > 0) {
        probeReports = s.probeSamples();
        probeSum = s.probeSamples() * speed;
      } else {
        // speed-only detectors (or a speed with no samples recorded): one reading at least, so it is not lost
        readings = Math.max(1, s.detectorSamples());
        readingsInverse = readings / clamped;
      }
    }
    return new TrafficSums(1, lengthS, s.detectorSamples(), s.probeSamples(),
        flow == null ? 0 : lengthS, vehicles, speedVehicles, vehicleHours, probeReports, probeSum, readings,
        readingsInverse, density == null ? 0 : lengthS, density == null ? 0 : density * lengthS,
        occupancy == null ? 0 : lengthS, occupancy == null ? 0 : occupancy * lengthS);
  }

  /** The sums of both periods (disjoint ones: a window must not be counted twice). */
  public TrafficSums plus(TrafficSums o) {
    return new TrafficSums(windows + o.windows, coveredS + o.coveredS, detectorSamples + o.detectorSamples,
        probeSamples + o.probeSamples, flowS + o.flowS, vehicles + o.vehicles, speedVehicles + o.speedVehicles,
        speedVehicleHoursPerKm + o.speedVehicleHoursPerKm, speedProbeReports + o.speedProbeReports,
        speedProbeSum + o.speedProbeSum, speedReadings + o.speedReadings,
        speedReadingsInverseSum + o.speedReadingsInverseSum, densityS + o.densityS,
        densityIntegral + o.densityIntegral, occupancyS + o.occupancyS, occupancyIntegral + o.occupancyIntegral);
  }

  /** Space-mean speed over the period, km/h; null when no window had one. */
  public Double speedKmh() {
    if (speedVehicles > 0) {
      return speedVehicles / speedVehicleHoursPerKm;
    }
    if (speedProbeReports > 0) {
      return speedProbeSum / speedProbeReports;
    }
    if (speedReadings > 0) {
      return speedReadings / speedReadingsInverseSum;
    }
    return null;
  }

  /** Vehicles per hour over the time that had counts; null when no window had a count. */
  public Double flowVehPerHour() {
    return flowS > 0 ? vehicles * 3600.0 / flowS : null;
  }

  /** Time-weighted mean density, veh/km/lane; null when no window had one. */
  public Double densityVehPerKmPerLane() {
    return densityS > 0 ? densityIntegral / densityS : null;
  }

  /** Time-weighted mean occupancy, 0..1; null when no window had one. */
  public Double occupancy() {
    return occupancyS > 0 ? occupancyIntegral / occupancyS : null;
  }

  private static Double known(Double value) {
    return value == null || !Double.isFinite(value) || value < 0 ? null : value;
  }
}
