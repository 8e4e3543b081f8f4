package io.roadstream.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.alert.AlertPlanner;
import io.roadstream.core.detector.CaliforniaDetector;
import io.roadstream.core.detector.CaliforniaState;
import io.roadstream.core.detector.StationPair;
import io.roadstream.core.detector.StationPairs;
import io.roadstream.core.event.Alert;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.IncidentType;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.incident.AccidentDetector;
import io.roadstream.core.incident.AccidentUpdate;
import io.roadstream.core.incident.IncidentBoard;
import io.roadstream.core.incident.IncidentCorrelator;
import io.roadstream.core.incident.IncidentSettings;
import io.roadstream.core.incident.IncidentSignal;
import io.roadstream.core.incident.IncidentSignals;
import io.roadstream.core.incident.ProbeStopPlace;
import io.roadstream.core.incident.StopState;
import io.roadstream.core.incident.StopTransition;
import io.roadstream.core.incident.StoppedVehicleDetector;
import io.roadstream.core.incident.StoppedVehicles;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.core.network.Segment;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled scenario through all of core's incident rules, as the pipeline chains them: the probes' stopped
 * vehicles and accidents, the California tests on every motorway station pair, the correlator that makes one
 * incident of them, and the alerts for it. The collision on M1-E-07 (two cars stop at 600 m at 07:10, two of three
 * lanes closed until 07:40) must be one incident, found fast, confirmed, cleared after the lanes reopen, and the
 * only incident of the morning.
 */
class MorningPeakIncidentTest {

  private static final RoadNetwork NETWORK = new RoadNetworkLoader().load("metroville");
  private static final Instant START = Instant.parse("2026-11-26T06:45:00Z");
  private static final long CRASH = Instant.parse("2026-11-26T07:10:00Z").toEpochMilli();
  private static final long REOPENED = Instant.parse("2026-11-26T07:40:00Z").toEpochMilli();
  private static final long END = Instant.parse("2026-11-26T08:15:00Z").toEpochMilli();
  private static final double ALERT_DISTANCE_M = 2000;
  private static final List<Incident> INCIDENTS = new ArrayList<>();
  private static final List<Alert> ALERTS = new ArrayList<>();

  @BeforeAll
  static void runTheMorning() {
    List<IncidentSignal> signals = new ArrayList<>();
    Map<String, TreeMap<Long, SensorReading>> readings = new HashMap<>();
    probeSignals(signals, readings);
    detectorSignals(signals, readings);

    // in event-time order, as the pipeline applies them
    signals.sort(Comparator.comparingLong(IncidentSignal::time));
    IncidentCorrelator correlator = new IncidentCorrelator(NETWORK, IncidentSettings.DEFAULT);
    IncidentBoard board = IncidentBoard.EMPTY;
    for (IncidentSignal signal : signals) {
      // confirmations due before this signal's time first, as the pipeline's timers fire them
      IncidentCorrelator.Result confirmed = correlator.confirmDue(board, signal.time() - 1);
      INCIDENTS.addAll(confirmed.events());
      IncidentCorrelator.Result applied = correlator.apply(confirmed.board(), signal);
      INCIDENTS.addAll(applied.events());
      board = applied.board();
    }
    INCIDENTS.addAll(correlator.confirmDue(board, END).events());
    AlertPlanner planner = new AlertPlanner(NETWORK, ALERT_DISTANCE_M);
    INCIDENTS.forEach(i -> ALERTS.addAll(planner.forIncident(i)));
  }

  /** The simulation's probes through the stopped-vehicle and accident rules; its readings kept for the pairs. */
  private static void probeSignals(List<IncidentSignal> signals, Map<String, TreeMap<Long, SensorReading>> readings) {
    StoppedVehicleDetector<ProbeStopPlace> stops = new StoppedVehicleDetector<>(4);
    AccidentDetector<String> accidents = new AccidentDetector<>();
    Map<String, StopState<ProbeStopPlace>> vehicles = new HashMap<>();
    Map<ProbeStopPlace, StoppedVehicles<String>> places = new HashMap<>();
    Map<ProbeStopPlace, Long> detectedAt = new HashMap<>();
    Map<String, ProbePosition> lastReportOfStopped = new HashMap<>();
    new TrafficSimulation(NETWORK, new ScenarioLoader().load("morning-peak"),
        SimulationSettings.defaults(START).withSeed(11))
        .advanceTo(END, new SimulationListener() {
          @Override
          public void onReading(SensorReading r) {
            readings.computeIfAbsent(r.sensorId(), k -> new TreeMap<>()).put(r.time(), r);
          }

          @Override
          public void onPosition(ProbePosition p) {
            forgetSilentStoppedVehicles(p.time());
            StopTransition<ProbeStopPlace> t = stops.next(vehicles.get(p.vehicleId()), ProbeStopPlace.of(p));
            vehicles.put(p.vehicleId(), t.state());
            if (stops.isStopped(t.state())) {
              lastReportOfStopped.put(p.vehicleId(), p);
            } else {
              lastReportOfStopped.remove(p.vehicleId());
            }
            if (t.becameStopped()) {
              AccidentUpdate<String> u = accidents.stopped(places.get(t.stoppedAt()), p.vehicleId());
              places.put(t.stoppedAt(), u.state());
              if (u.detected()) {
                detectedAt.put(t.stoppedAt(), p.time());
                signals.add(signal(t.stoppedAt(), IncidentSignal.Status.SEEN, p, u.state().vehicles()));
              }
            }
            if (t.resumed()) {
              resumed(t.resumedFrom(), p.vehicleId(), p);
            }
          }

          /** The pipeline's silence rule: a vehicle that has not reported for 60 s has left its place. */
          private void forgetSilentStoppedVehicles(long now) {
            for (var it = lastReportOfStopped.entrySet().iterator(); it.hasNext(); ) {
              var last = it.next();
              StopState<ProbeStopPlace> state = vehicles.get(last.getKey());
              if (last.getValue().time() + 60_000 <= now) {
                it.remove();
                vehicles.remove(last.getKey());
                ProbePosition gone = last.getValue();
                resumed(state.position(), last.getKey(), new ProbePosition(gone.vehicleId(),
                    gone.time() + 60_000, null, null, gone.segmentId(), gone.offsetM(), null, 0, null));
              }
            }
          }

          private void resumed(ProbeStopPlace place, String vehicle, ProbePosition at) {
            StoppedVehicles<String> before = places.get(place);
            AccidentUpdate<String> u = accidents.resumed(before, vehicle);
            if (u.cleared()) {
              signals.add(signal(place, IncidentSignal.Status.ENDED, at, before.vehicles()));
            }
            if (u.state() == null) {
              places.remove(place);
            } else {
              places.put(place, u.state());
            }
          }

          private IncidentSignal signal(ProbeStopPlace place, IncidentSignal.Status status, ProbePosition p,
              List<String> stopped) {
            return new IncidentSignal("probes:" + place.key() + "-" + detectedAt.get(place), IncidentSignal.PROBES,
                status, "accident", p.time(), place.segmentId(), place.offsetM(), 0, null, null,
                stopped.toArray(String[]::new), stopped.size() + " vehicles stopped");
          }
        });
  }

  /** Every motorway station pair through the California tests, interval by interval. */
  private static void detectorSignals(List<IncidentSignal> signals,
      Map<String, TreeMap<Long, SensorReading>> readings) {
    CaliforniaDetector detector = new CaliforniaDetector();
    IncidentSignals toSignals = new IncidentSignals(NETWORK);
    for (StationPair pair : StationPairs.of(NETWORK)) {
      TreeMap<Long, SensorReading> up = readings.getOrDefault(pair.upstreamDetectorId(), new TreeMap<>());
      TreeMap<Long, SensorReading> down = readings.getOrDefault(pair.downstreamDetectorId(), new TreeMap<>());
      TreeSet<Long> intervals = new TreeSet<>(up.keySet());
      intervals.addAll(down.keySet());
      CaliforniaState state = CaliforniaState.initial();
      for (long start : intervals) {
        SensorReading u = up.get(start);
        SensorReading d = down.get(start);
        long end = start + (u != null ? u.intervalSeconds() : d.intervalSeconds()) * 1000L;
        Segment downstream = NETWORK.requireSegment(pair.downstreamSegmentId());
        Double downstreamFlowShare = d == null ? null : d.vehicleCount() * 3600.0 / d.intervalSeconds()
            / (downstream.lanes() * downstream.capacityVehPerHourPerLane());
        CaliforniaDetector.Step step = detector.next(state, pair, new CaliforniaDetector.PairInterval(start, end,
            u == null ? null : u.occupancy(), d == null ? null : d.occupancy(), downstreamFlowShare));
        state = step.state();
        step.incident().ifPresent(i -> signals.add(toSignals.fromDetectors(i)));
      }
    }
  }

  @Test
  void theCollisionIsOneIncidentTheOnlyOneOfTheMorning() {
    assertThat(INCIDENTS).isNotEmpty();
    assertThat(INCIDENTS).extracting(Incident::incidentId).containsOnly(INCIDENTS.get(0).incidentId());
    assertThat(INCIDENTS).extracting(Incident::type)
        .containsExactly(IncidentType.DETECTED, IncidentType.CONFIRMED, IncidentType.CLEARED);
    assertThat(INCIDENTS).allSatisfy(i -> assertThat(i.segmentId()).isEqualTo("M1-E-07"));
  }

  @Test
  void itIsDetectedWithinTwoMinutesOfTheCarsStoppingAndConfirmedSoonAfter() {
    Incident detected = INCIDENTS.get(0);
    assertThat(detected.time()).isBetween(CRASH, CRASH + 120_000);
    assertThat(detected.kind()).isEqualTo("accident");
    Incident confirmed = INCIDENTS.get(1);
    // detected + at most the 60 s of persistence; sooner when the detector pair sees it too
    assertThat(confirmed.time()).isBetween(detected.time(), detected.time() + 60_000);
  }

  @Test
  void itClearsOnceTheCarsAreGone() {
    Incident cleared = INCIDENTS.get(2);
    // the cars leave at 07:40; a detector pair still sees the queue discharge for a few intervals
    assertThat(cleared.time()).isBetween(REOPENED, REOPENED + 10 * 60_000);
  }

  @Test
  void driversOnExactlyTheSegmentsWithin2KmUpstreamAreAlertedAndLaterToldItCleared() {
    Incident detected = INCIDENTS.get(0);
    Set<String> upstream = upstreamWithin(detected.segmentId(), detected.offsetM(), ALERT_DISTANCE_M);

    assertThat(ALERTS).filteredOn(a -> a.type().equals(Alert.ISSUED)).extracting(Alert::segmentId)
        .containsExactlyInAnyOrderElementsOf(upstream);
    assertThat(ALERTS).filteredOn(a -> a.type().equals(Alert.WITHDRAWN)).extracting(Alert::segmentId)
        .containsExactlyInAnyOrderElementsOf(upstream);
    assertThat(upstream).contains("M1-E-07", "M1-E-06", "M1-E-05").doesNotContain("M1-E-08", "M1-W-07");
  }

  /**
   * The segment of the place and every segment that leads to it with some part of it within {@code metres} of the
   * place, along the links; computed here by hand, independently of the alert planner.
   */
  private static Set<String> upstreamWithin(String segment, double offsetM, double metres) {
    Map<String, Double> startToPlace = new HashMap<>(Map.of(segment, offsetM));
    ArrayDeque<String> todo = new ArrayDeque<>(List.of(segment));
    while (!todo.isEmpty()) {
      String id = todo.poll();
      for (Segment up : NETWORK.upstreamOf(id)) {
        double endToPlace = startToPlace.get(id);
        double start = endToPlace + up.lengthM();
        if (endToPlace < metres && start < startToPlace.getOrDefault(up.id(), Double.MAX_VALUE)) {
          startToPlace.put(up.id(), start);
          todo.add(up.id());
        }
      }
    }
    return startToPlace.keySet();
  }
}
