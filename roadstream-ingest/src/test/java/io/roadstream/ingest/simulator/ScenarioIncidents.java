package io.roadstream.ingest.simulator;

import io.roadstream.core.alert.AlertPlanner;
import io.roadstream.core.detector.CaliforniaDetector;
import io.roadstream.core.detector.CaliforniaState;
import io.roadstream.core.detector.StationPair;
import io.roadstream.core.detector.StationPairs;
import io.roadstream.core.event.Alert;
import io.roadstream.core.event.Incident;
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
import io.roadstream.core.network.Segment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A scenario's simulated events through all of core's incident rules, chained as the pipeline chains them: the
 * probes' stopped vehicles and accidents (with the 60 s silence rule), the California tests on every station pair,
 * the correlator in event-time order with its persistence timers, and the alerts for drivers.
 */
final class ScenarioIncidents {

  /**
   * @param stoppedVehicles how many times a vehicle became stopped (4 reports at one place)
   */
  record Result(List<Incident> incidents, List<Alert> alerts, int stoppedVehicles) {}

  private static final long VEHICLE_GONE_AFTER_MS = 60_000;

  private final RoadNetwork network;
  private final List<IncidentSignal> signals = new ArrayList<>();
  private final Map<String, TreeMap<Long, SensorReading>> readings = new HashMap<>();
  private int stoppedVehicles;

  private ScenarioIncidents(RoadNetwork network) {
    this.network = network;
  }

  static Result run(RoadNetwork network, String scenario, long seed, Instant start, Instant end,
      double alertDistanceM) {
    ScenarioIncidents chain = new ScenarioIncidents(network);
    chain.simulate(new TrafficSimulation(network, new ScenarioLoader().load(scenario),
        SimulationSettings.defaults(start).withSeed(seed)), end.toEpochMilli());
    chain.detectorSignals();
    List<Incident> incidents = chain.correlate(end.toEpochMilli());
    AlertPlanner planner = new AlertPlanner(network, alertDistanceM);
    List<Alert> alerts = new ArrayList<>();
    incidents.forEach(i -> alerts.addAll(planner.forIncident(i)));
    return new Result(incidents, alerts, chain.stoppedVehicles);
  }

  /** In event-time order; confirmations due before a signal's time first, as the pipeline's timers fire them. */
  private List<Incident> correlate(long end) {
    signals.sort(Comparator.comparingLong(IncidentSignal::time));
    IncidentCorrelator correlator = new IncidentCorrelator(network, IncidentSettings.DEFAULT);
    IncidentBoard board = IncidentBoard.EMPTY;
    List<Incident> incidents = new ArrayList<>();
    for (IncidentSignal signal : signals) {
      IncidentCorrelator.Result confirmed = correlator.confirmDue(board, signal.time() - 1);
      incidents.addAll(confirmed.events());
      IncidentCorrelator.Result applied = correlator.apply(confirmed.board(), signal);
      incidents.addAll(applied.events());
      board = applied.board();
    }
    incidents.addAll(correlator.confirmDue(board, end).events());
    return incidents;
  }

  /** The probes through the stopped-vehicle and accident rules; the readings kept for the station pairs. */
  private void simulate(TrafficSimulation simulation, long end) {
    StoppedVehicleDetector<ProbeStopPlace> stops = new StoppedVehicleDetector<>(4);
    AccidentDetector<String> accidents = new AccidentDetector<>();
    Map<String, StopState<ProbeStopPlace>> vehicles = new HashMap<>();
    Map<ProbeStopPlace, StoppedVehicles<String>> places = new HashMap<>();
    Map<ProbeStopPlace, Long> detectedAt = new HashMap<>();
    Map<String, ProbePosition> lastReportOfStopped = new HashMap<>();
    simulation.advanceTo(end, new SimulationListener() {
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
          stoppedVehicles++;
          AccidentUpdate<String> u = accidents.stopped(places.get(t.stoppedAt()), p.vehicleId());
          places.put(t.stoppedAt(), u.state());
          if (u.detected()) {
            detectedAt.put(t.stoppedAt(), p.time());
            signals.add(signal(t.stoppedAt(), IncidentSignal.Status.SEEN, p.time(), u.state().vehicles()));
          }
        }
        if (t.resumed()) {
          resumed(t.resumedFrom(), p.vehicleId(), p.time());
        }
      }

      /** The pipeline's silence rule: a stopped vehicle that has not reported for 60 s has left its place. */
      private void forgetSilentStoppedVehicles(long now) {
        for (var it = lastReportOfStopped.entrySet().iterator(); it.hasNext(); ) {
          var last = it.next();
          if (last.getValue().time() + VEHICLE_GONE_AFTER_MS <= now) {
            it.remove();
            StopState<ProbeStopPlace> state = vehicles.remove(last.getKey());
            resumed(state.position(), last.getKey(), last.getValue().time() + VEHICLE_GONE_AFTER_MS);
          }
        }
      }

      private void resumed(ProbeStopPlace place, String vehicle, long time) {
        StoppedVehicles<String> before = places.get(place);
        AccidentUpdate<String> u = accidents.resumed(before, vehicle);
        if (u.cleared()) {
          signals.add(signal(place, IncidentSignal.Status.ENDED, time, before.vehicles()));
        }
        if (u.state() == null) {
          places.remove(place);
        } else {
          places.put(place, u.state());
        }
      }

      private IncidentSignal signal(ProbeStopPlace place, IncidentSignal.Status status, long time,
          List<String> stopped) {
        return new IncidentSignal("probes:" + place.key() + "-" + detectedAt.get(place), IncidentSignal.PROBES,
            status, "accident", time, place.segmentId(), place.offsetM(), 0, null, null,
            stopped.toArray(String[]::new), stopped.size() + " vehicles stopped");
      }
    });
  }

  /** Every station pair through the California tests, interval by interval. */
  private void detectorSignals() {
    CaliforniaDetector detector = new CaliforniaDetector();
    IncidentSignals toSignals = new IncidentSignals(network);
    for (StationPair pair : StationPairs.of(network)) {
      TreeMap<Long, SensorReading> up = readings.getOrDefault(pair.upstreamDetectorId(), new TreeMap<>());
      TreeMap<Long, SensorReading> down = readings.getOrDefault(pair.downstreamDetectorId(), new TreeMap<>());
      Segment downstream = network.requireSegment(pair.downstreamSegmentId());
      TreeSet<Long> intervals = new TreeSet<>(up.keySet());
      intervals.addAll(down.keySet());
      CaliforniaState state = CaliforniaState.initial();
      for (long start : intervals) {
        SensorReading u = up.get(start);
        SensorReading d = down.get(start);
        long end = start + (u != null ? u.intervalSeconds() : d.intervalSeconds()) * 1000L;
        Double downstreamFlowShare = d == null ? null : d.vehicleCount() * 3600.0 / d.intervalSeconds()
            / (downstream.lanes() * downstream.capacityVehPerHourPerLane());
        CaliforniaDetector.Step step = detector.next(state, pair, new CaliforniaDetector.PairInterval(start, end,
            u == null ? null : u.occupancy(), d == null ? null : d.occupancy(), downstreamFlowShare));
        state = step.state();
        step.incident().ifPresent(i -> signals.add(toSignals.fromDetectors(i)));
      }
    }
  }
}
