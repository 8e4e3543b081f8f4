package io.roadstream.ingest.simulator;

import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.Detector;
import io.roadstream.core.network.LonLat;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.Segment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A mesoscopic traffic simulation of a road network, stepping in 1 s of simulated time. Vehicles enter at boundary
 * entries (segments without upstream) by a Poisson process at the scenario's demand, drive at the Greenshields speed
 * of their segment's density, turn at random (mostly staying on their road) and leave where a segment has no
 * downstream. Detectors report counts, speeds and occupancy per interval; every vehicle reports its position.
 *
 * <p>Deterministic: the same network, scenario and settings give the same events. Not thread-safe: one thread
 * advances it. Events reach the listener in non-decreasing event time: a reading's time is the start of its interval,
 * so positions are held back until the readings of their interval are out (at most one detector interval).
 */
public final class TrafficSimulation {

  private static final long STEP_MS = 1000;
  private static final double STEP_S = 1.0;
  /** Drivers spread ±5 % around the speed the traffic allows. */
  private static final double SPEED_SPREAD = 0.05;
  /**
   * How long a vehicle that keeps to its road waits for the jammed segment ahead before it takes another open way.
   * One that was going to turn off takes another way at once, as drivers drive past a slip road that is full: waiting
   * on the main carriageway would block everyone behind.
   */
  private static final int REROUTE_AFTER_S = 60;
  /**
   * A vehicle's reported speed follows its movement with a few seconds' lag, as a speedometer does; queues move in
   * one-car-length jolts per step, and raw per-step speeds would make stop-and-go look like free flow.
   */
  private static final double SPEEDOMETER_SMOOTHING = 0.25;

  private final Scenario scenario;
  private final SimulationSettings settings;
  private final DemandProfile demand;
  private final RouteChooser routes;
  private final SplittableRandom random;
  private final List<SegmentState> segments = new ArrayList<>();
  private final List<SegmentState> entries = new ArrayList<>();
  private final List<DetectorCounter> detectors = new ArrayList<>();
  private final List<IncidentState> incidents = new ArrayList<>();
  private final Map<String, SegmentState> byId = new LinkedHashMap<>();
  /** Vehicles that arrived at a boundary entry while it was jammed wait off-network rather than vanish. */
  private final int[] waitingAtEntry;
  private final List<ProbePosition> heldPositions = new ArrayList<>();
  private final List<Vehicle> moved = new ArrayList<>();
  private final long startMillis;
  private final long intervalMillis;
  private long now;
  private long vehiclesCreated;

  public TrafficSimulation(RoadNetwork network, Scenario scenario, SimulationSettings settings) {
    this.scenario = scenario;
    this.settings = settings;
    this.demand = new DemandProfile(scenario);
    this.random = new SplittableRandom(settings.seed());
    this.startMillis = settings.start().toEpochMilli() / STEP_MS * STEP_MS;
    this.intervalMillis = settings.detectorIntervalS() * 1000L;
    this.now = startMillis - settings.warmUp().toSeconds() * STEP_MS;
    for (Segment segment : network.segments()) {
      SegmentState state = new SegmentState(segment);
      segments.add(state);
      byId.put(segment.id(), state);
      if (segment.upstream().isEmpty()) {
        entries.add(state);
      }
    }
    for (SegmentState state : segments) {
      state.segment.downstream().forEach(id -> state.downstream.add(byId.get(id)));
    }
    for (Detector detector : network.detectors()) {
      SegmentState on = byId.get(detector.segmentId());
      DetectorCounter counter = new DetectorCounter(detector, on.segment.lanes());
      detectors.add(counter);
      on.detectors.add(counter);
    }
    routes = new RouteChooser(new RingRoads(segments));
    waitingAtEntry = new int[entries.size()];
    placeIncidents();
  }

  private void placeIncidents() {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < scenario.incidents().size(); i++) {
      ScenarioIncident incident = scenario.incidents().get(i);
      String field = "incidents[" + i + "]";
      SegmentState on = byId.get(incident.segmentId());
      if (on == null) {
        problems.add("field '" + field + ".segmentId': no segment '" + incident.segmentId() + "' in the network");
        continue;
      }
      if (incident.offsetM() > on.segment.lengthM()) {
        problems.add("field '" + field + ".offsetM': " + incident.offsetM() + " is beyond the end of segment '"
            + on.id() + "' (" + Math.round(on.segment.lengthM()) + " m)");
      }
      if (incident.lanesBlocked() > on.segment.lanes()) {
        problems.add("field '" + field + ".lanesBlocked': " + incident.lanesBlocked() + " but segment '" + on.id()
            + "' has " + on.segment.lanes() + " lanes");
      }
      long from = scenario.secondsFromStart(incident.from());
      long to = scenario.secondsFromStart(incident.to());
      if (to <= from) {
        problems.add("field '" + field + ".to': " + incident.to() + " must come after 'from' (" + incident.from()
            + "), counting from the scenario start " + scenario.start());
      }
      String[] ids = new String[incident.stoppedVehicles()];
      int[] phases = new int[ids.length];
      for (int k = 0; k < ids.length; k++) {
        ids[k] = "stopped-" + (i + 1) + "-" + (k + 1);
        phases[k] = random.nextInt(settings.probeIntervalS());
      }
      incidents.add(new IncidentState(incident, on, from, to, ids, phases));
    }
    if (!problems.isEmpty()) {
      throw new ScenarioFormatException(scenario.name(), problems);
    }
  }

  /** Current simulated time, epoch ms. */
  public long now() {
    return now;
  }

  public Scenario scenario() {
    return scenario;
  }

  public SimulationSettings settings() {
    return settings;
  }

  /** When the scenario ends; afterwards demand stays at its final level. */
  public Instant scenarioEnd() {
    return Instant.ofEpochMilli(startMillis).plus(scenario.duration());
  }

  /** Vehicles on the network now (not counting those waiting to enter or stopped at incidents). */
  public int vehicleCount() {
    int n = 0;
    for (SegmentState s : segments) {
      n += s.vehicleCount();
    }
    return n;
  }

  /** Mean speed of the vehicles on a segment in the last step, km/h; free-flow speed when it is empty. */
  public double meanSpeedKmh(String segmentId) {
    return traffic(segmentId).meanSpeedKmh();
  }

  /** What is on a segment now: ground truth, read-only. */
  public SegmentTraffic traffic(String segmentId) {
    SegmentState s = byId.get(segmentId);
    if (s == null) {
      throw new IllegalArgumentException("no segment '" + segmentId + "'");
    }
    int queued = 0;
    double speedSum = 0;
    for (Vehicle v : s.vehicles) {
      queued += v.queued ? 1 : 0;
      speedSum += v.speedKmh;
    }
    double meanSpeed = s.vehicles.isEmpty() ? s.segment.freeFlowKmh() : speedSum / s.vehicles.size();
    return new SegmentTraffic(segmentId, s.vehicleCount(), queued, meanSpeed);
  }

  /**
   * Simulates up to {@code simTimeMillis} (in whole steps) and hands the events that are complete to the listener.
   * Time before the settings' start is warm-up and produces no events.
   */
  public void advanceTo(long simTimeMillis, SimulationListener listener) {
    while (now + STEP_MS <= simTimeMillis) {
      step(listener);
    }
  }

  private void step(SimulationListener listener) {
    double sinceStartS = (now - startMillis) / 1000.0;
    applyIncidents(sinceStartS);
    for (SegmentState s : segments) {
      s.startStep(STEP_S);
    }
    enterVehicles(sinceStartS);
    if (now >= startMillis) {
      reportPositions();
    }
    for (SegmentState s : segments) {
      move(s);
    }
    for (SegmentState s : segments) {
      s.admitArrivals();
    }
    now += STEP_MS;
    if (now % intervalMillis == 0) {
      endInterval(listener);
    }
  }

  private void applyIncidents(double sinceStartS) {
    for (IncidentState incident : incidents) {
      incident.segment.closures.clear();
    }
    for (IncidentState incident : incidents) {
      if (incident.activeAt(sinceStartS)) {
        incident.segment.closures.add(incident.closure);
      }
    }
  }

  private void enterVehicles(double sinceStartS) {
    double multiplier = demand.multiplierAt(sinceStartS);
    for (int i = 0; i < entries.size(); i++) {
      SegmentState entry = entries.get(i);
      double perStep = settings.entryDemandVehPerHour(entry.segment.roadClass()) * multiplier / 3600.0 * STEP_S;
      waitingAtEntry[i] += poisson(perStep);
      while (waitingAtEntry[i] > 0 && entry.accepts()) {
        waitingAtEntry[i]--;
        Vehicle vehicle = new Vehicle("V" + (++vehiclesCreated),
            1 + (random.nextDouble() * 2 - 1) * SPEED_SPREAD, random.nextInt(settings.probeIntervalS()));
        vehicle.speedKmh = entry.speedKmh() * vehicle.speedFactor;
        enter(vehicle, entry);
      }
    }
  }

  /** Knuth's method: fine for the small means of one step. */
  private int poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int n = 0;
    while (product > limit) {
      n++;
      product *= random.nextDouble();
    }
    return n;
  }

  private void enter(Vehicle vehicle, SegmentState segment) {
    SegmentState left = vehicle.segment;
    vehicle.metresOnRoad = left != null && left.segment.name().equals(segment.segment.name())
        ? vehicle.metresOnRoad + left.segment.lengthM() : 0;
    vehicle.segment = segment;
    vehicle.offsetM = 0;
    vehicle.lane = segment.laneFor(random.nextDouble());
    vehicle.next = routes.next(segment, vehicle.metresOnRoad + segment.segment.lengthM(), random);
    segment.arrivals.add(vehicle);
  }

  /**
   * Moves a segment's vehicles one step, front-most first. A vehicle drives at the segment's speed (its own share of
   * it); it cannot come closer than the jam spacing to the vehicle one lane-width of traffic ahead of it; it passes a
   * lane closure only when the open lanes have room, else it waits just before it; at the end of the segment it
   * leaves if the outflow capacity and the next segment allow, else it waits there. A vehicle that was held back
   * moves up at up to free-flow speed, so a queue discharges at capacity rather than at the crawl of the dense
   * segment.
   */
  private void move(SegmentState s) {
    double length = s.segment.lengthM();
    double runningKmh = s.runningSpeedKmh();
    int lanes = s.lanes();
    double spacing = s.jamSpacingM();
    moved.clear();
    for (Vehicle v : s.vehicles) {
      double from = v.offsetM;
      Vehicle leader = moved.size() >= lanes ? moved.get(moved.size() - lanes) : null;
      // Greenshields again, on the gap to the vehicle ahead in the lane: a queue creeps forward and dissolves
      // gradually instead of jumping one car length whenever its head leaves
      double gapKmh = leader == null ? s.segment.freeFlowKmh()
          : s.model.speedKmh(1000.0 / Math.max(leader.offsetM - from, 1e-3));
      double kmh = v.queued ? gapKmh : Math.min(runningKmh, Math.max(gapKmh, SegmentState.FLOOR_SPEED_KMH));
      double desired = from + kmh / 3.6 * v.speedFactor * STEP_S;
      double limit = leader != null ? leader.offsetM - spacing : length;
      double to = Math.max(from, Math.min(desired, limit));
      // close behind its leader, a vehicle is part of a queue and follows the leader, not the segment's speed
      boolean inQueue = to >= limit - spacing / 2;
      for (int i = 0; i < s.closures.size(); i++) {
        LaneClosure closure = s.closures.get(i);
        if (closure.crossedBy(from, to) && !closure.tryPass()) {
          to = Math.max(from, closure.holdAtM());
          inQueue = true;
        }
      }
      if (to >= length) {
        to = length;
      }
      v.speedKmh += SPEEDOMETER_SMOOTHING * ((to - from) / STEP_S * 3.6 - v.speedKmh);
      if (to >= length) {
        if (leave(s, v)) {
          s.observe(from, to, STEP_S, v.speedKmh);
          continue;
        }
        inQueue = true;
      }
      s.observe(from, to, STEP_S, v.speedKmh);
      v.offsetM = to;
      v.queued = inQueue;
      moved.add(v);
    }
    s.vehicles.clear();
    s.vehicles.addAll(moved);
    s.sortByOffset();
  }

  private boolean leave(SegmentState s, Vehicle v) {
    if (!s.mayLetOut()) {
      return false;
    }
    SegmentState next = v.next;
    if (next != null && !next.accepts()) {
      // drivers stuck behind a jammed exit take another way when one is open; without it a full ring gridlocks
      boolean turningOff = !next.segment.name().equals(s.segment.name());
      if (++v.blockedS < REROUTE_AFTER_S && !turningOff) {
        return false;
      }
      next = routes.nextAccepting(s, v.metresOnRoad + s.segment.lengthM(), random);
      if (next == null) {
        return false;
      }
    }
    s.letOut();
    v.queued = false;
    v.blockedS = 0;
    if (next != null) {
      enter(v, next);
    }
    return true;
  }

  private void reportPositions() {
    int interval = settings.probeIntervalS();
    long second = now / 1000;
    for (SegmentState s : segments) {
      for (Vehicle v : s.vehicles) {
        if (Math.floorMod(second - v.probePhase, interval) == 0) {
          heldPositions.add(position(v.id, s, v.offsetM, v.lane, v.speedKmh));
        }
      }
    }
    double sinceStartS = (now - startMillis) / 1000.0;
    for (IncidentState incident : incidents) {
      if (incident.activeAt(sinceStartS)) {
        for (int k = 0; k < incident.stoppedVehicleIds.length; k++) {
          if (Math.floorMod(second - incident.stoppedProbePhases[k], interval) == 0) {
            heldPositions.add(position(incident.stoppedVehicleIds[k], incident.segment,
                incident.incident.offsetM(), incident.laneOfStopped(k), 0));
          }
        }
      }
    }
  }

  /** Offsets keep full precision, so that a consumer can tell exactly which side of a detector a vehicle was. */
  private ProbePosition position(String vehicleId, SegmentState on, double offsetM, int lane, double speedKmh) {
    LonLat point = on.geometry.pointAt(offsetM);
    return new ProbePosition(vehicleId, now, round(point.lat(), 1e6), round(point.lon(), 1e6), on.id(),
        offsetM, lane, round(speedKmh, 10), round(on.geometry.headingAt(offsetM), 10));
  }

  private static double round(double value, double scale) {
    return Math.round(value * scale) / scale;
  }

  /** Readings of the interval that just ended, then the positions of that interval: event time never goes back. */
  private void endInterval(SimulationListener listener) {
    long intervalStart = now - intervalMillis;
    boolean complete = intervalStart >= startMillis;
    for (DetectorCounter counter : detectors) {
      SensorReading reading = counter.flush(intervalStart, settings.detectorIntervalS());
      if (complete) {
        listener.onReading(reading);
      }
    }
    for (ProbePosition position : heldPositions) {
      listener.onPosition(position);
    }
    heldPositions.clear();
  }
}
