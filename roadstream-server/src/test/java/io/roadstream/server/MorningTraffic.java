package io.roadstream.server;

import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.congestion.CongestionEventType;
import io.roadstream.core.event.Alert;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.IncidentType;
import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SignalPlan;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.Segment;
import io.roadstream.core.traffic.LevelOfServiceClassifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the pipeline would have written for a morning on Metroville, as its derived events: four hours of one-minute
 * segment statistics (a peak building towards 09:00, deepest on the M1 eastbound where a queue stands), the jam of that
 * queue, the driver alerts upstream of it, two signal plans, and an accident to script in later. Deterministic, so a
 * test can compute what the dashboard must show from the same values.
 */
final class MorningTraffic {

  static final Instant FIRST_WINDOW = Instant.parse("2026-11-26T05:00:00Z");
  static final Duration WINDOW = Duration.ofMinutes(1);
  static final int WINDOWS = 240;
  /** The end of the newest window: 09:00. */
  static final Instant END = FIRST_WINDOW.plus(WINDOW.multipliedBy(WINDOWS));
  static final Instant PEAK = Instant.parse("2026-11-26T08:45:00Z");
  static final List<String> JAM_SEGMENTS = List.of("M1-E-07", "M1-E-06", "M1-E-05"); // head to tail
  static final String JAM_ID = "jam-M1-E-07-0840";
  static final Instant JAM_OPENED = Instant.parse("2026-11-26T08:40:00Z");
  static final String ACCIDENT_ID = "acc-M1-E-07-0858";

  private final RoadNetwork network;

  MorningTraffic(RoadNetwork network) {
    this.network = network;
  }

  /** Every segment's windows, oldest first. */
  List<SegmentStats> history() {
    List<SegmentStats> rows = new ArrayList<>();
    for (int w = 0; w < WINDOWS; w++) {
      Instant start = FIRST_WINDOW.plus(WINDOW.multipliedBy(w));
      for (Segment s : network.segments()) {
        rows.add(window(s, start, 0));
      }
    }
    return rows;
  }

  /** The newest window of each segment, the one the map shows. */
  List<SegmentStats> latest() {
    Instant start = END.minus(WINDOW);
    return network.segments().stream().map(s -> window(s, start, 0)).toList();
  }

  /**
   * One segment's window. {@code extraDepth} deepens the congestion (0..1), for a later window that must look
   * different from the one before.
   */
  SegmentStats window(Segment s, Instant start, double extraDepth) {
    double minutesFromPeak = Duration.between(PEAK, start).toSeconds() / 60.0;
    double peak = Math.exp(-Math.pow(minutesFromPeak / 50.0, 2));
    double depth = Math.min(0.92, depth(s) + extraDepth);
    double wobble = 1 + 0.04 * Math.sin(start.getEpochSecond() / 420.0 + s.id().hashCode() % 7);
    double speed = Math.max(4, s.freeFlowKmh() * (1 - depth * peak) * wobble);
    double ratio = speed / s.freeFlowKmh();
    // demand rises with the peak; once speeds break down the bottleneck passes less than capacity
    double demandShare = 0.25 + 0.65 * peak;
    double flow = s.lanes() * s.capacityVehPerHourPerLane() * Math.min(demandShare, ratio < 0.5 ? 0.6 + ratio * 0.6 : 1);
    double density = flow / speed / s.lanes();
    double occupancy = Math.min(0.95, density * 0.0065);
    LevelOfService los = LevelOfServiceClassifier.fromSpeedRatio(speed, s.freeFlowKmh());
    return new SegmentStats(s.id(), start.toEpochMilli(), start.plus(WINDOW).toEpochMilli(), speed, flow, density,
        occupancy, s.lengthM() / (speed / 3.6), los, 2, 12);
  }

  /** How deep the peak bites on a segment: the M1 eastbound queue most, other roads by a stable spread. */
  private static double depth(Segment s) {
    if (JAM_SEGMENTS.contains(s.id())) {
      return 0.85;
    }
    if (s.id().startsWith("M1-E-")) {
      return 0.45;
    }
    return 0.05 + Math.floorMod(s.id().hashCode(), 11) * 0.06;
  }

  /** The queue on the M1 eastbound, opened at 08:40. */
  CongestionEvent jam() {
    List<SegmentStats> evidence = latest().stream().filter(r -> JAM_SEGMENTS.contains(r.segmentId())).toList();
    double lengthKm = JAM_SEGMENTS.stream().mapToDouble(id -> network.requireSegment(id).lengthKm()).sum();
    double minSpeed = evidence.stream().mapToDouble(SegmentStats::avgSpeedKmh).min().orElseThrow();
    long at = JAM_OPENED.toEpochMilli();
    return new CongestionEvent(JAM_ID, CongestionEventType.OPENED, at, at, JAM_SEGMENTS.get(0),
        JAM_SEGMENTS.get(JAM_SEGMENTS.size() - 1), JAM_SEGMENTS.toArray(String[]::new), lengthKm, minSpeed,
        evidence.toArray(SegmentStats[]::new));
  }

  /** Drivers on the two segments before the jam's tail are told of it. */
  List<Alert> alerts() {
    long at = JAM_OPENED.plusSeconds(60).toEpochMilli();
    return List.of(
        new Alert("alert-" + JAM_ID + "-M1-E-04", Alert.ISSUED, at, "M1-E-04", 0, "jam", JAM_ID, "M1-E-05",
            "Queue ahead on the M1 eastbound: slow down, traffic at a standstill"),
        new Alert("alert-" + JAM_ID + "-M1-E-03", Alert.ISSUED, at, "M1-E-03",
            network.requireSegment("M1-E-04").lengthM(), "jam", JAM_ID, "M1-E-05",
            "Queue ahead on the M1 eastbound in 1 km: slow down"));
  }

  /** Plans for two intersections; the one on the busier corridor is oversaturated. */
  List<SignalPlan> signalPlans() {
    long computed = END.minus(Duration.ofMinutes(5)).toEpochMilli();
    long from = END.minus(Duration.ofMinutes(20)).toEpochMilli();
    return List.of(
        new SignalPlan("I-B2", computed, 72, 10, List.of(
            new SignalPlan.Phase(List.of("A-A2-B2", "A-C2-B2"), 0.38, 36.4),
            new SignalPlan.Phase(List.of("A-B1-B2", "A-B3-B2"), 0.27, 25.6)), 0.65, false, from, computed),
        new SignalPlan("I-C2", computed, 150, 10, List.of(
            new SignalPlan.Phase(List.of("A-B2-C2", "A-E2-C2"), 0.52, 75.8),
            new SignalPlan.Phase(List.of("A-C1-C2", "A-C3-C2"), 0.44, 64.2)), 0.96, true, from, computed));
  }

  /** Two cars standing on the M1 eastbound inside the jam's head, as the probes would report them. */
  Incident accident(IncidentType type, Instant at) {
    return new Incident(ACCIDENT_ID, type, "accident", "probes", at.toEpochMilli(), "M1-E-07", 620.0, null, null,
        new String[] {"v-1042", "v-2210"}, "2 vehicles stopped within 10 m for 4 reports each (08:56:40 – 08:57:20)");
  }
}
