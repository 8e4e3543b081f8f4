package io.roadstream.core.traffic;

import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.network.Segment;

/**
 * Segment statistics for one window from its observations.
 * <ul>
 *   <li>Speed: space-mean speed, the harmonic mean of spot speeds — weighted by vehicle count for detector
 *       readings, one weight per report for probes. Detectors are preferred when the window has any that report
 *       speed, because they see every vehicle while probes are a sample.</li>
 *   <li>Flow: Σ vehicles × 3600 / Σ interval seconds over the detector readings, i.e. the mean flow across the
 *       segment's detectors, veh/h over all lanes.</li>
 *   <li>Density: flow / speed / lanes (the fundamental relation q = k·v), veh/km/lane; 0 when no vehicle passed.</li>
 *   <li>Occupancy: time-weighted mean of the detector occupancies.</li>
 *   <li>Travel time: length / speed; free-flow travel time on an empty segment.</li>
 *   <li>Level of Service: see {@link LevelOfServiceClassifier}; roads of uninterrupted flow use density when it is
 *       known and fall back to the speed ratio when only probes saw the window.</li>
 * </ul>
 */
public final class SegmentStatsCalculator {

  private SegmentStatsCalculator() {}

  public static SegmentStats compute(Segment segment, long windowStart, long windowEnd, SegmentObservations o) {
    Double detectorSpeed = o.detectorVehiclesWithSpeed > 0
        ? o.detectorVehiclesWithSpeed / o.detectorInverseSpeedSum : null;
    Double probeSpeed = o.probeReports > 0 ? o.probeReports / o.probeInverseSpeedSum : null;
    Double speed = detectorSpeed != null ? detectorSpeed : probeSpeed;

    Double flow = o.detectorSeconds > 0 ? o.detectorVehicles * 3600.0 / o.detectorSeconds : null;
    Double density = null;
    if (flow != null && flow == 0) {
      density = 0.0;
    } else if (flow != null && speed != null) {
      density = flow / speed / segment.lanes();
    }
    Double occupancy = o.occupancyIntervalSeconds > 0 ? o.occupancySeconds / o.occupancyIntervalSeconds : null;

    Double travelTime = null;
    if (speed != null) {
      travelTime = segment.lengthM() / (speed / 3.6);
    } else if (density != null && density == 0) {
      travelTime = segment.freeFlowTravelTimeS();
    }

    LevelOfService los = null;
    if (segment.roadClass().uninterruptedFlow() && density != null) {
      los = LevelOfServiceClassifier.fromDensity(density);
    } else if (speed != null) {
      los = LevelOfServiceClassifier.fromSpeedRatio(speed, segment.freeFlowKmh());
    } else if (density != null && density == 0) {
      los = LevelOfService.A;
    }
    return new SegmentStats(segment.id(), windowStart, windowEnd, speed, flow, density, occupancy, travelTime, los,
        o.detectorReadings, o.probeReports);
  }
}
