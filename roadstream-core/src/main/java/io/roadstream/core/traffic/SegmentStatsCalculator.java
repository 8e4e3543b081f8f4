package io.roadstream.core.traffic;

import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.network.Segment;

/**
 * Segment statistics for one window from its observations.
 * <ul>
 *   <li>Speed: the segment's space-mean speed. Probes report at fixed time steps wherever they are on the segment, so
 *       the plain mean of their reported speeds is total distance over total time driven on the segment (Edie's
 *       definition) — the space-mean speed of the whole segment. A detector sees one point: the harmonic mean of its
 *       spot speeds, weighted by vehicle count, is the space-mean speed there only. So probes give the speed when the
 *       window has at least {@link #MIN_PROBE_REPORTS} of them; otherwise detectors do, and probes when there is
 *       nothing else. A queue that has not reached the detector yet shows in the probes. Sources that measure speed
 *       but do not count (a traffic API's segment speed) give the speed only when no counted vehicle has one, as the
 *       harmonic mean of their readings, and add nothing to the flow.</li>
 *   <li>Flow: Σ vehicles × 3600 / Σ interval seconds over the detector readings, i.e. the mean flow across the
 *       segment's detectors, veh/h over all lanes.</li>
 *   <li>Density: flow / speed / lanes (the fundamental relation q = k·v), veh/km/lane; 0 when no vehicle passed.</li>
 *   <li>Occupancy: time-weighted mean of the detector occupancies.</li>
 *   <li>Travel time: length / speed; free-flow travel time on an empty segment.</li>
 *   <li>Level of Service: see {@link LevelOfServiceClassifier}; roads of uninterrupted flow use density when it is
 *       known, and F whenever the speed is below the speed at capacity (queued); they fall back to the speed ratio
 *       when no detector saw the window.</li>
 * </ul>
 */
public final class SegmentStatsCalculator {

  /**
   * Probe reports in a window that make their mean the segment's speed: ten reports put the standard error of the
   * mean within about 5 km/h at the usual spread of motorway speeds (engineering judgement, see docs/detection.md).
   */
  public static final int MIN_PROBE_REPORTS = 10;

  private SegmentStatsCalculator() {}

  public static SegmentStats compute(Segment segment, long windowStart, long windowEnd, SegmentObservations o) {
    Double detectorSpeed = null;
    if (o.detectorVehiclesWithSpeed > 0) {
      detectorSpeed = o.detectorVehiclesWithSpeed / o.detectorInverseSpeedSum;
    } else if (o.speedOnlyReadings > 0) {
      detectorSpeed = o.speedOnlyReadings / o.speedOnlyInverseSpeedSum;
    }
    Double probeSpeed = o.probeReports > 0 ? o.probeSpeedSum / o.probeReports : null;
    Double speed = o.probeReports >= MIN_PROBE_REPORTS || detectorSpeed == null ? probeSpeed : detectorSpeed;

    Double flow = o.detectorSeconds > 0 ? o.detectorVehicles * 3600.0 / o.detectorSeconds : null;
    Double density = null;
    if (flow != null && flow == 0) {
      density = 0.0;
    } else if (flow != null && speed != null) {
      density = flow / Math.max(SegmentObservations.MIN_SPEED_KMH, speed) / segment.lanes();
    }
    Double occupancy = o.occupancyIntervalSeconds > 0 ? o.occupancySeconds / o.occupancyIntervalSeconds : null;

    return new SegmentStats(segment.id(), windowStart, windowEnd, speed, flow, density, occupancy,
        travelTimeS(segment, speed, density), levelOfService(segment, density, speed), o.detectorReadings,
        o.probeReports);
  }

  /**
   * Travel time over the segment at {@code speed}; free-flow travel time on an empty segment (density 0, no speed);
   * null when neither is known. Shared with the history rollups, which recompute it from a period's speed.
   */
  public static Double travelTimeS(Segment segment, Double speed, Double density) {
    if (speed != null) {
      return segment.lengthM() / (Math.max(SegmentObservations.MIN_SPEED_KMH, speed) / 3.6);
    }
    if (density != null && density == 0) {
      return segment.freeFlowTravelTimeS();
    }
    return null;
  }

  /**
   * Level of Service from density (uninterrupted flow, F when queued) or the speed ratio (streets), A on an empty
   * segment, null when neither density nor speed is known. Shared with the history rollups, which classify a
   * period by its own density and speed rather than averaging the windows' letters.
   */
  public static LevelOfService levelOfService(Segment segment, Double density, Double speed) {
    if (segment.roadClass().uninterruptedFlow() && density != null) {
      return LevelOfServiceClassifier.fromDensityAndSpeed(density, speed, speedAtCapacityKmh(segment));
    }
    if (speed != null) {
      return LevelOfServiceClassifier.fromSpeedRatio(speed, segment.freeFlowKmh());
    }
    if (density != null && density == 0) {
      return LevelOfService.A;
    }
    return null;
  }

  private static double speedAtCapacityKmh(Segment segment) {
    return Greenshields.forCapacity(segment.freeFlowKmh(), segment.capacityVehPerHourPerLane()).speedAtCapacityKmh();
  }
}
