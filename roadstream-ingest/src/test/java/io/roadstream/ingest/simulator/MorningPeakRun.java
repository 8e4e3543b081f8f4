package io.roadstream.ingest.simulator;

import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.congestion.JamAssembler;
import io.roadstream.core.congestion.JamBoard;
import io.roadstream.core.congestion.JamSettings;
import io.roadstream.core.congestion.SegmentCongestion;
import io.roadstream.core.congestion.SegmentCongestionTracker;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.Segment;
import io.roadstream.core.traffic.SegmentObservations;
import io.roadstream.core.traffic.SegmentStatsCalculator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The bundled morning peak, twice over: what core's detection makes of the simulator's events (one-minute segment
 * statistics, then jams), and what the simulation itself knows about its vehicles and queues, sampled every 10 s —
 * the ground truth the detection is checked against. The truth uses no detector, probe or core calculation.
 */
final class MorningPeakRun {

  static final long MINUTE = 60_000;
  private static final long SAMPLE_MS = 10_000;
  /**
   * A segment has a queue in a minute when on average at least this many vehicles on it are held back by the vehicle
   * ahead: about 40 m of standing traffic across three lanes. Free-flowing motorway segments average 0 to 5.
   */
  static final double QUEUE_VEHICLES = 10;
  /** The HCM's Level of Service E starts above 35 passenger cars per mile per lane: 21.75 vehicles per km per lane. */
  static final double LOS_E_VEH_PER_KM_LANE = 35 / 1.609344;

  final RoadNetwork network;
  final List<CongestionEvent> events = new ArrayList<>();
  /** Window start → segment → mean number of queued vehicles over the window's samples. */
  private final Map<Long, Map<String, Double>> queuedVehicles = new TreeMap<>();
  /** Window start → segment → mean number of vehicles over the window's samples. */
  private final Map<Long, Map<String, Double>> vehicles = new TreeMap<>();

  private final Map<Long, Map<String, SegmentObservations>> observations = new TreeMap<>();

  private MorningPeakRun(RoadNetwork network) {
    this.network = network;
  }

  static MorningPeakRun simulate(RoadNetwork network, long seed, Instant start, Instant until) {
    MorningPeakRun run = new MorningPeakRun(network);
    run.observe(new TrafficSimulation(network, new ScenarioLoader().load(ScenarioLoader.MORNING_PEAK),
        SimulationSettings.defaults(start).withSeed(seed)), start, until);
    run.detectJams();
    return run;
  }

  private void observe(TrafficSimulation simulation, Instant start, Instant until) {
    SimulationListener listener = new SimulationListener() {
      @Override
      public void onReading(SensorReading r) {
        observations(r.time(), network.detector(r.sensorId()).orElseThrow().segmentId()).add(r);
      }

      @Override
      public void onPosition(ProbePosition p) {
        observations(p.time(), p.segmentId()).add(p);
      }
    };
    double perSample = SAMPLE_MS / (double) MINUTE;
    // the state at instant t belongs to the window holding t: each window gets the samples at its 0 s, 10 s, ... 50 s
    for (long t = start.toEpochMilli(); t < until.toEpochMilli(); t += SAMPLE_MS) {
      simulation.advanceTo(t, listener);
      long window = t - t % MINUTE;
      Map<String, Double> queued = queuedVehicles.computeIfAbsent(window, k -> new HashMap<>());
      Map<String, Double> all = vehicles.computeIfAbsent(window, k -> new HashMap<>());
      for (Segment segment : network.segments()) {
        SegmentTraffic traffic = simulation.traffic(segment.id());
        queued.merge(segment.id(), traffic.queuedVehicles() * perSample, Double::sum);
        all.merge(segment.id(), traffic.vehicles() * perSample, Double::sum);
      }
    }
  }

  /**
   * Whether the simulation itself had the segment congested during the minute starting at {@code windowStart}, by
   * the definition detection works to (LOS E or worse): a queue stood on it, or it held more vehicles than the LOS E
   * density. Counted from the simulation's vehicles, not from any detector or probe.
   */
  boolean congestedInTruth(String segmentId, long windowStart) {
    Map<String, Double> queued = queuedVehicles.get(windowStart);
    if (queued == null) {
      return false;
    }
    Segment segment = network.requireSegment(segmentId);
    double density = vehicles.get(windowStart).get(segmentId) / (segment.lengthKm() * segment.lanes());
    return queued.get(segmentId) >= QUEUE_VEHICLES || density > LOS_E_VEH_PER_KM_LANE;
  }

  /**
   * The true end of congestion on {@code segments} that holds at {@code from}: the start of the first minute from then
   * on in which the simulation has none of them congested; empty if the run ends first.
   */
  OptionalLong congestionEnd(Collection<String> segments, long from) {
    for (long window : queuedVehicles.keySet()) {
      if (window >= from && segments.stream().noneMatch(s -> congestedInTruth(s, window))) {
        return OptionalLong.of(window);
      }
    }
    return OptionalLong.empty();
  }

  private SegmentObservations observations(long time, String segment) {
    return observations.computeIfAbsent(time - time % MINUTE, k -> new HashMap<>())
        .computeIfAbsent(segment, k -> new SegmentObservations());
  }

  /** As the pipeline does it: windows in time order, each segment's hysteresis, jams assembled on every change. */
  private void detectJams() {
    SegmentCongestionTracker tracker = new SegmentCongestionTracker(JamSettings.DEFAULT);
    JamAssembler assembler = new JamAssembler(network);
    Map<String, SegmentCongestion> states = new HashMap<>();
    JamBoard board = JamBoard.EMPTY;
    for (var window : observations.entrySet()) {
      for (var segment : new TreeMap<>(window.getValue()).entrySet()) {
        SegmentStats s = SegmentStatsCalculator.compute(network.requireSegment(segment.getKey()), window.getKey(),
            window.getKey() + MINUTE, segment.getValue());
        SegmentCongestionTracker.Step step = tracker.next(states.get(segment.getKey()), s);
        states.put(segment.getKey(), step.state());
        if (step.changed()) {
          JamAssembler.Result result = assembler.apply(board, step.state().congested(), s);
          board = result.board();
          events.addAll(result.events());
        }
      }
    }
  }
}
