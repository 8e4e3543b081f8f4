package io.roadstream.core.alert;

import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.congestion.CongestionEventType;
import io.roadstream.core.event.Alert;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.IncidentType;
import io.roadstream.core.network.RoadNetwork;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is told what: drivers on the segments upstream of an accident, or of a jam's tail, within a distance along
 * the network. An accident's alerts are withdrawn when it clears; a jam's are re-issued as its tail moves and
 * withdrawn when it clears. Pure.
 */
public final class AlertPlanner implements Serializable {

  /** Drivers this far upstream are told (docs/detection.md: detection.alerts.upstreamDistanceM). */
  public static final double DEFAULT_DISTANCE_M = 2000;

  private final RoadNetwork network;
  private final double distanceM;

  public AlertPlanner(RoadNetwork network, double distanceM) {
    this.network = network;
    this.distanceM = distanceM;
  }

  public List<Alert> forIncident(Incident incident) {
    if (incident.type() == IncidentType.CONFIRMED || network.segment(incident.segmentId()).isEmpty()) {
      return List.of(); // a confirmation changes nothing for drivers already told
    }
    String type = incident.type() == IncidentType.CLEARED ? Alert.WITHDRAWN : Alert.ISSUED;
    String where = network.requireSegment(incident.segmentId()).name();
    List<Alert> alerts = new ArrayList<>();
    for (UpstreamReach.Reached r : new UpstreamReach(network).of(incident.segmentId(), incident.offsetM(), distanceM)) {
      String message = type.equals(Alert.ISSUED)
          ? capitalised(incident.kind()) + " " + distance(r.distanceM()) + " ahead on " + where
              + ": lanes may be blocked, slow down and expect delays"
          : "The " + incident.kind() + " on " + where + " has cleared";
      alerts.add(new Alert(incident.incidentId() + ">" + r.segmentId(), type, incident.time(), r.segmentId(),
          r.distanceM(), incident.kind(), incident.incidentId(), incident.segmentId(), message));
    }
    return alerts;
  }

  /** For a jam: warn of its tail, where approaching drivers meet the queue. */
  public List<Alert> forJam(CongestionEvent jam) {
    if (network.segment(jam.tailSegmentId()).isEmpty()) {
      return List.of();
    }
    boolean cleared = jam.type() == CongestionEventType.CLEARED;
    String where = network.requireSegment(jam.tailSegmentId()).name();
    List<Alert> alerts = new ArrayList<>();
    // the queue starts at the tail segment's start, at the latest: warn those behind it, and on it
    for (UpstreamReach.Reached r : new UpstreamReach(network).of(jam.tailSegmentId(), 0, distanceM)) {
      String message = cleared
          ? "The queue on " + where + " has cleared"
          : "Queue " + distance(r.distanceM()) + " ahead on " + where + ", " + String.format("%.1f", jam.lengthKm())
              + " km long" + (jam.minSpeedKmh() == null ? "" : String.format(", down to %.0f km/h", jam.minSpeedKmh()));
      alerts.add(new Alert(jam.jamId() + ">" + r.segmentId(), cleared ? Alert.WITHDRAWN : Alert.ISSUED, jam.time(),
          r.segmentId(), r.distanceM(), "jam", jam.jamId(), jam.tailSegmentId(), message));
    }
    return alerts;
  }

  private static String distance(double metres) {
    return metres < 100 ? "just" : metres < 1000 ? Math.round(metres / 100) * 100 + " m"
        : String.format("%.1f km", metres / 1000);
  }

  private static String capitalised(String word) {
    return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
