package io.roadstream.core.detector;

import io.roadstream.core.detector.CaliforniaState.Status;
import io.roadstream.core.event.DetectorIncident;
import java.io.Serializable;
import java.util.Optional;

/**
 * Incident detection between two consecutive detector stations in the style of California algorithm #7 (Payne and
 * Tignor, 1978): an incident between upstream station U and downstream station D queues traffic at U and thins
 * it at D, so occupancy differs much more than along a road that is merely busy. Per interval:
 * <pre>
 *   OCCDF  = OCC(U) − OCC(D)      ≥ T1
 *   OCCRDF = OCCDF / OCC(U)       ≥ T2
 *   DOCC   = OCC(D)               &lt; T3   (a congested D is a bottleneck or a passing wave, not an incident)
 *   DFLOW  = flow(D) / capacity(D) &lt; T4   (a D fed near capacity is downstream of a discharging queue)
 * </pre>
 * T4 is roadstream's addition to #7: the occupancy tests cannot tell an incident from the head of a queue that is
 * discharging (after a bottleneck cleared, or at a recurrent bottleneck), where D runs free but full. An incident lets
 * through at most the capacity of the lanes it leaves open; a discharging queue feeds D at capacity less the
 * capacity drop. An interval without a downstream count skips T4.
 * States: incident-free → tentative when all three tests hold (emits DETECTED) → confirmed when they hold on the
 * next interval with data as well (CONFIRMED), else back to incident-free (CLEARED) → the incident continues while
 * OCCRDF ≥ T2 and D is not fed near capacity (T4) → cleared (CLEARED).
 * <ul>
 *   <li>An interval where either station has no occupancy (null, NaN, outside 0..1) decides nothing: the state is
 *       kept, so a gap neither confirms nor clears.</li>
 *   <li>OCC(U) = 0 makes OCCRDF 0: an empty upstream station is no evidence of a queue.</li>
 *   <li>An interval that does not start after the last decided one (a duplicate, a late correction, the clock
 *       going back) is ignored: decisions are made once, in event-time order.</li>
 * </ul>
 * Pure: the caller keeps the state (one per {@link StationPair}).
 */
public final class CaliforniaDetector implements Serializable {

  /**
   * One interval at the two stations; a value is null when its station did not report it.
   *
   * @param downstreamFlowShare the downstream station's flow over the capacity of its road (all lanes), 0..
   */
  public record PairInterval(long intervalStart, long intervalEnd, Double upstreamOccupancy,
      Double downstreamOccupancy, Double downstreamFlowShare) implements Serializable {

    public PairInterval(long intervalStart, long intervalEnd, Double upstreamOccupancy, Double downstreamOccupancy) {
      this(intervalStart, intervalEnd, upstreamOccupancy, downstreamOccupancy, null);
    }
  }

  /** The state after an interval, and the incident step it produced, if any. */
  public record Step(CaliforniaState state, Optional<DetectorIncident> incident) {}

  private final CaliforniaThresholds thresholds;

  public CaliforniaDetector() {
    this(CaliforniaThresholds.DEFAULT);
  }

  public CaliforniaDetector(CaliforniaThresholds thresholds) {
    this.thresholds = thresholds;
  }

  /** @param previous the pair's state, {@link CaliforniaState#initial()} for a pair never seen */
  public Step next(CaliforniaState previous, StationPair pair, PairInterval interval) {
    if (previous.lastIntervalStart() != CaliforniaState.NONE
        && interval.intervalStart() <= previous.lastIntervalStart()) {
      return new Step(previous, Optional.empty());
    }
    if (!isOccupancy(interval.upstreamOccupancy()) || !isOccupancy(interval.downstreamOccupancy())) {
      return new Step(previous, Optional.empty());
    }
    double up = interval.upstreamOccupancy();
    double down = interval.downstreamOccupancy();
    double occdf = up - down;
    double occrdf = up > 0 ? occdf / up : 0;
    // an incident that still blocks lanes cannot pass near-capacity flow on to D
    boolean passingCapacity = interval.downstreamFlowShare() != null
        && interval.downstreamFlowShare() >= thresholds.downstreamFlowShare();
    boolean incidentPattern = occdf >= thresholds.occupancyDifference()
        && occrdf >= thresholds.relativeOccupancyDifference()
        && down < thresholds.downstreamOccupancy()
        && !passingCapacity;
    long at = interval.intervalStart();

    return switch (previous.status()) {
      case INCIDENT_FREE -> incidentPattern
          ? step(Status.TENTATIVE, at, at, DetectorIncident.Type.DETECTED, pair, interval, occdf, occrdf)
          : quiet(at);
      case TENTATIVE -> incidentPattern
          ? step(Status.CONFIRMED, at, previous.detectedAt(), DetectorIncident.Type.CONFIRMED, pair, interval,
              occdf, occrdf)
          : step(Status.INCIDENT_FREE, at, previous.detectedAt(), DetectorIncident.Type.CLEARED, pair, interval,
              occdf, occrdf);
      // Once confirmed, the queue upstream may grow past the downstream test or shrink below T1 while the
      // blockage stays; the relative difference is what persists until it is gone, or until D is fed near
      // capacity again (T4), which a blockage cannot do.
      case CONFIRMED -> occrdf >= thresholds.relativeOccupancyDifference() && !passingCapacity
          ? new Step(new CaliforniaState(Status.CONFIRMED, at, previous.detectedAt()), Optional.empty())
          : step(Status.INCIDENT_FREE, at, previous.detectedAt(), DetectorIncident.Type.CLEARED, pair, interval,
              occdf, occrdf);
    };
  }

  private static Step quiet(long intervalStart) {
    return new Step(new CaliforniaState(Status.INCIDENT_FREE, intervalStart, CaliforniaState.NONE), Optional.empty());
  }

  private static Step step(Status status, long intervalStart, long detectedAt, DetectorIncident.Type type,
      StationPair pair, PairInterval interval, double occdf, double occrdf) {
    CaliforniaState state = new CaliforniaState(status, intervalStart,
        status == Status.INCIDENT_FREE ? CaliforniaState.NONE : detectedAt);
    DetectorIncident incident = new DetectorIncident(pair.key() + "@" + detectedAt, type,
        pair.upstreamDetectorId(), pair.downstreamDetectorId(), pair.upstreamSegmentId(), pair.downstreamSegmentId(),
        detectedAt, interval.intervalStart(), interval.intervalEnd(), interval.upstreamOccupancy(),
        interval.downstreamOccupancy(), occdf, occrdf, interval.downstreamFlowShare());
    return new Step(state, Optional.of(incident));
  }

  private static boolean isOccupancy(Double value) {
    return value != null && value >= 0 && value <= 1;
  }
}
