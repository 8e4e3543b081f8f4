package io.roadstream.core.incident;

import io.roadstream.core.alert.UpstreamReach;
import io.roadstream.core.event.DetectorIncident;
import io.roadstream.core.event.IncidentReport;
import io.roadstream.core.incident.IncidentSignal.Status;
import io.roadstream.core.network.Detector;
import io.roadstream.core.network.RoadNetwork;
import java.util.Locale;

/** Each source's findings as {@link IncidentSignal}s for the {@link IncidentCorrelator}. */
public final class IncidentSignals {

  /** Farther apart than this, two stations of a pair are no longer searched for along the road (spans read 0). */
  private static final double MAX_STATION_SPACING_M = 10_000;

  private final RoadNetwork network;
  private final UpstreamReach reach;

  public IncidentSignals(RoadNetwork network) {
    this.network = network;
    this.reach = new UpstreamReach(network);
  }

  /** A report: verified ones vouch for themselves, closed ones end the report's signal. */
  public static IncidentSignal fromReport(IncidentReport report) {
    Status status = !report.isOpen() ? Status.ENDED : report.verified() ? Status.CONFIRMED : Status.SEEN;
    String said = report.kind() + " reported by " + report.source() + (report.verified() ? " (verified)" : "")
        + (report.lanesBlocked() == null ? "" : ", " + report.lanesBlocked() + " lane(s) blocked")
        + (report.description().isBlank() ? "" : ": \"" + report.description() + "\"")
        + (report.isOpen() ? "" : ", closed by the reporter");
    return new IncidentSignal(IncidentSignal.REPORTS + ":" + report.reportId(), IncidentSignal.REPORTS, status,
        report.kind(), report.time(), report.segmentId(), report.offsetM() == null ? 0 : report.offsetM(), 0,
        report.lat(), report.lon(), new String[0], said);
  }

  /**
   * A step of the California tests between two stations: the incident lies somewhere between them, so the signal
   * starts at the upstream station and reaches the downstream one.
   */
  public IncidentSignal fromDetectors(DetectorIncident step) {
    Detector upstream = network.detector(step.upstreamDetectorId()).orElseThrow(() -> new IllegalArgumentException(
        "no detector '" + step.upstreamDetectorId() + "' in road network '" + network.name() + "'"));
    Detector downstream = network.detector(step.downstreamDetectorId()).orElseThrow(() ->
        new IllegalArgumentException("no detector '" + step.downstreamDetectorId() + "' in road network '"
            + network.name() + "'"));
    double span = 0;
    for (UpstreamReach.Reached r : reach.of(downstream.segmentId(), downstream.offsetM(),
        upstream.offsetM() + MAX_STATION_SPACING_M)) {
      if (r.segmentId().equals(upstream.segmentId())) {
        span = Math.max(0, r.distanceM() - upstream.offsetM());
        break;
      }
    }
    Status status = switch (step.type()) {
      case DETECTED -> Status.SEEN;
      case CONFIRMED -> Status.CONFIRMED;
      case CLEARED -> Status.ENDED;
    };
    String measured = String.format(Locale.ROOT,
        "occupancy %.0f %% at %s and %.0f %% at %s (difference %.0f points, %.0f %% of upstream)%s",
        step.upstreamOccupancy() * 100, step.upstreamDetectorId(), step.downstreamOccupancy() * 100,
        step.downstreamDetectorId(), step.occupancyDifference() * 100, step.relativeOccupancyDifference() * 100,
        step.downstreamFlowShare() == null ? ""
            : String.format(Locale.ROOT, ", %s passing %.0f %% of capacity", step.downstreamDetectorId(),
                step.downstreamFlowShare() * 100));
    String evidence = switch (step.type()) {
      case DETECTED -> measured + " in one interval";
      case CONFIRMED -> measured + " again in the next interval";
      case CLEARED -> "the incident tests no longer hold: " + measured;
    };
    long time = step.type() == DetectorIncident.Type.DETECTED ? step.detectedAt() : step.intervalStart();
    return new IncidentSignal(IncidentSignal.DETECTORS + ":" + step.incidentId(), IncidentSignal.DETECTORS, status,
        "incident", time, upstream.segmentId(), upstream.offsetM(), span, null, null, new String[0], evidence);
  }
}
