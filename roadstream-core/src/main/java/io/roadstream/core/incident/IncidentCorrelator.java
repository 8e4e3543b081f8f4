package io.roadstream.core.incident;

import io.roadstream.core.alert.UpstreamReach;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.IncidentType;
import io.roadstream.core.incident.IncidentSignal.Status;
import io.roadstream.core.network.LonLat;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.Segment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the signals of all sources into incidents with one lifecycle each: DETECTED → CONFIRMED → CLEARED.
 * <ul>
 *   <li><b>One real incident is one incident.</b> A signal joins an open incident when it is within
 *       {@link IncidentSettings#mergeDistanceM} of one of its signals along the road, in the direction of travel
 *       (a detector pair's signal covers the road between its two stations). The two carriageways of a road are
 *       different segments with no link between them, so an accident eastbound never merges with one westbound.</li>
 *   <li><b>Detected</b> when a source sees it; a detector pair's tentative detection only adds to an open incident
 *       and opens none itself (see {@link #isTentativeDetection}).</li>
 *   <li><b>Confirmed</b> when a source vouches for it (the occupancy tests held on the next interval, a person
 *       verified the report), when a second kind of source sees it too, or when it is still seen
 *       {@link IncidentSettings#confirmAfterMillis} after its detection ({@link #confirmDue}).</li>
 *   <li><b>Cleared</b> when its last signal ends.</li>
 * </ul>
 * Pure: the caller keeps the {@link IncidentBoard} and calls {@link #confirmDue} when event time reaches the times
 * {@link Result#confirmAt} asks for.
 */
public final class IncidentCorrelator {

  /**
   * @param confirmAt event time at which {@link #confirmDue} may confirm an incident this step detected; empty when
   *                  none
   */
  public record Result(IncidentBoard board, List<Incident> events, OptionalLong confirmAt) {}

  private final RoadNetwork network;
  private final IncidentSettings settings;
  private final UpstreamReach reach;

  public IncidentCorrelator(RoadNetwork network, IncidentSettings settings) {
    this.network = network;
    this.settings = settings;
    this.reach = new UpstreamReach(network);
  }

  public Result apply(IncidentBoard board, IncidentSignal signal) {
    List<ActiveIncident> incidents = new ArrayList<>(List.of(board.incidents()));
    List<Incident> events = new ArrayList<>();
    int holder = indexHolding(incidents, signal.signalId());
    if (holder >= 0 && isDue(incidents.get(holder), signal.time())) {
      // this signal's source saw the incident until now: it has persisted, whether or not the timer asking for
      // confirmation has fired yet (watermarks may lag behind the signals that prove it)
      incidents.set(holder, confirmed(incidents.get(holder), events));
    }

    if (signal.status() == Status.ENDED) {
      if (holder < 0) {
        return new Result(board, List.of(), OptionalLong.empty());
      }
      ActiveIncident incident = incidents.get(holder);
      IncidentSignal[] rest = Arrays.stream(incident.signals())
          .filter(s -> !s.signalId().equals(signal.signalId())).toArray(IncidentSignal[]::new);
      if (rest.length == 0) {
        incidents.remove(holder);
        events.add(event(incident, IncidentType.CLEARED, signal.time(),
            "cleared: " + signal.source() + " " + signal.evidence()));
      } else {
        incidents.set(holder, new ActiveIncident(incident.incidentId(), incident.status(), incident.detectedAt(), rest));
      }
      return new Result(new IncidentBoard(incidents.toArray(ActiveIncident[]::new)), events, OptionalLong.empty());
    }

    OptionalLong confirmAt = OptionalLong.empty();
    ActiveIncident incident;
    int at = holder >= 0 ? holder : indexMatching(incidents, signal);
    if (at >= 0) {
      ActiveIncident existing = incidents.get(at);
      incident = new ActiveIncident(existing.incidentId(), existing.status(), existing.detectedAt(),
          withSignal(existing.signals(), signal));
    } else if (isTentativeDetection(signal)) {
      return new Result(board, List.of(), OptionalLong.empty());
    } else {
      incident = new ActiveIncident("inc-" + signal.signalId(), IncidentType.DETECTED, signal.time(),
          new IncidentSignal[] {signal});
      events.add(event(incident, IncidentType.DETECTED, signal.time(), evidence(incident)));
      confirmAt = OptionalLong.of(signal.time() + settings.confirmAfterMillis());
    }
    String vouchedBy = incident.status() == IncidentType.DETECTED ? vouchedBy(incident) : null;
    if (vouchedBy != null) {
      incident = new ActiveIncident(incident.incidentId(), IncidentType.CONFIRMED, incident.detectedAt(),
          incident.signals());
      events.add(event(incident, IncidentType.CONFIRMED, signal.time(),
          "confirmed by " + vouchedBy + "; " + evidence(incident)));
      confirmAt = OptionalLong.empty();
    }
    if (at >= 0) {
      incidents.set(at, incident);
    } else {
      incidents.add(incident);
    }
    return new Result(new IncidentBoard(incidents.toArray(ActiveIncident[]::new)), events, confirmAt);
  }

  /** Confirms every incident detected at least {@link IncidentSettings#confirmAfterMillis} before {@code now}. */
  public Result confirmDue(IncidentBoard board, long now) {
    List<Incident> events = new ArrayList<>();
    ActiveIncident[] incidents = board.incidents().clone();
    for (int i = 0; i < incidents.length; i++) {
      if (isDue(incidents[i], now)) {
        incidents[i] = confirmed(incidents[i], events);
      }
    }
    return new Result(events.isEmpty() ? board : new IncidentBoard(incidents), events, OptionalLong.empty());
  }

  private boolean isDue(ActiveIncident incident, long now) {
    return incident.status() == IncidentType.DETECTED && incident.detectedAt() + settings.confirmAfterMillis() <= now;
  }

  private ActiveIncident confirmed(ActiveIncident incident, List<Incident> events) {
    ActiveIncident confirmed = new ActiveIncident(incident.incidentId(), IncidentType.CONFIRMED,
        incident.detectedAt(), incident.signals());
    events.add(event(confirmed, IncidentType.CONFIRMED, incident.detectedAt() + settings.confirmAfterMillis(),
        "confirmed: still seen " + settings.confirmAfterMillis() / 1000 + " s after detection; "
            + evidence(incident)));
    return confirmed;
  }

  /**
   * The detector tests holding for one interval: evidence for an incident already open, but not an incident of its
   * own. The California algorithm declares an incident only when the next interval confirms it; on this machine's
   * 30 s intervals a platoon passing one station is enough for one interval, and drivers must not be alerted of it.
   */
  private static boolean isTentativeDetection(IncidentSignal signal) {
    return signal.source().equals(IncidentSignal.DETECTORS) && signal.status() == Status.SEEN;
  }

  /** Why the incident is confirmed by its signals alone, or null when they do not vouch for it. */
  private static String vouchedBy(ActiveIncident incident) {
    for (IncidentSignal s : incident.signals()) {
      if (s.status() == Status.CONFIRMED) {
        return s.source().equals(IncidentSignal.REPORTS) ? "a verified report" : s.source();
      }
    }
    Set<String> sources = sources(incident);
    return sources.size() >= 2 ? String.join(" and ", sources) + " together" : null;
  }

  private static int indexHolding(List<ActiveIncident> incidents, String signalId) {
    for (int i = 0; i < incidents.size(); i++) {
      for (IncidentSignal s : incidents.get(i).signals()) {
        if (s.signalId().equals(signalId)) {
          return i;
        }
      }
    }
    return -1;
  }

  private int indexMatching(List<ActiveIncident> incidents, IncidentSignal signal) {
    int best = -1;
    double bestDistance = Double.MAX_VALUE;
    for (int i = 0; i < incidents.size(); i++) {
      for (IncidentSignal s : incidents.get(i).signals()) {
        double d = Math.min(gap(s, signal), gap(signal, s));
        if (d <= settings.mergeDistanceM() && d < bestDistance) {
          best = i;
          bestDistance = d;
        }
      }
    }
    return best;
  }

  /**
   * How far {@code b} lies beyond {@code a}'s stretch of road (its place plus its reach), driving downstream; 0 when
   * inside it, {@link Double#MAX_VALUE} when {@code b} is not downstream of {@code a} nearby.
   */
  private double gap(IncidentSignal a, IncidentSignal b) {
    double limit = a.reachM() + settings.mergeDistanceM();
    for (UpstreamReach.Reached r : reach.of(b.segmentId(), b.offsetM(), limit + a.offsetM())) {
      if (r.segmentId().equals(a.segmentId())) {
        double along = r.distanceM() - a.offsetM();
        return along < 0 ? Double.MAX_VALUE : Math.max(0, along - a.reachM());
      }
    }
    return Double.MAX_VALUE;
  }

  private static IncidentSignal[] withSignal(IncidentSignal[] signals, IncidentSignal signal) {
    List<IncidentSignal> list = new ArrayList<>();
    boolean replaced = false;
    for (IncidentSignal s : signals) {
      if (s.signalId().equals(signal.signalId())) {
        list.add(signal);
        replaced = true;
      } else {
        list.add(s);
      }
    }
    if (!replaced) {
      list.add(signal);
    }
    return list.toArray(IncidentSignal[]::new);
  }

  private Incident event(ActiveIncident incident, IncidentType type, long time, String evidence) {
    IncidentSignal place = placeOf(incident);
    Double lat = place.lat();
    Double lon = place.lon();
    if (lat == null) {
      Segment segment = network.segment(place.segmentId()).orElse(null);
      if (segment != null) {
        LonLat point = segment.pointAt(place.offsetM());
        lat = point.lat();
        lon = point.lon();
      }
    }
    Set<String> vehicles = new LinkedHashSet<>();
    for (IncidentSignal s : incident.signals()) {
      vehicles.addAll(List.of(s.vehicleIds()));
    }
    return new Incident(incident.incidentId(), type, kindOf(incident), String.join("+", sources(incident)), time,
        place.segmentId(), place.offsetM(), lat, lon, vehicles.toArray(String[]::new), evidence);
  }

  /** The most precise place: where vehicles stand, else where a person saw it, else the detector pair's start. */
  private static IncidentSignal placeOf(ActiveIncident incident) {
    for (String source : List.of(IncidentSignal.PROBES, IncidentSignal.REPORTS)) {
      for (IncidentSignal s : incident.signals()) {
        if (s.source().equals(source)) {
          return s;
        }
      }
    }
    return incident.signals()[0];
  }

  /** A person's word on what it is beats the probes' "accident", which beats the detectors' "incident". */
  private static String kindOf(ActiveIncident incident) {
    for (IncidentSignal s : incident.signals()) {
      if (s.source().equals(IncidentSignal.REPORTS) && !s.kind().equals("other")) {
        return s.kind();
      }
    }
    for (IncidentSignal s : incident.signals()) {
      if (s.source().equals(IncidentSignal.PROBES)) {
        return s.kind();
      }
    }
    return incident.signals()[0].kind();
  }

  private static Set<String> sources(ActiveIncident incident) {
    return Arrays.stream(incident.signals()).map(IncidentSignal::source)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static String evidence(ActiveIncident incident) {
    return Arrays.stream(incident.signals()).map(s -> s.source() + ": " + s.evidence())
        .collect(Collectors.joining("; "));
  }
}
