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
 * </pre>
 * States: incident-free → tentative when all three tests hold (emits DETECTED) → confirmed when they hold on the
 * next interval with data as well (CONFIRMED), else back to incident-free (CLEARED) → the incident continues while
 * OCCRDF ≥ T2 → cleared (CLEARED).
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

  /** One interval's occupancies at the two stations; null when a station did not report occupancy. */
  public record PairInterval(long intervalStart, long intervalEnd, Double upstreamOccupancy,
      Double downstreamOccupancy) implements Serializable {}

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
    boolean incidentPattern = occdf >= thresholds.occupancyDifference()
        && occrdf >= thresholds.relativeOccupancyDifference()
        && down < thresholds.downstreamOccupancy();
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
      // blockage stays; the relative difference is what persists until it is gone.
      case CONFIRMED -> occrdf >= thresholds.relativeOccupancyDifference()
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
        interval.downstreamOccupancy(), occdf, occrdf);
    return new Step(state, Optional.of(incident));
  }

  private static boolean isOccupancy(Double value) {
    return value != null && value >= 0 && value <= 1;
  }
}
