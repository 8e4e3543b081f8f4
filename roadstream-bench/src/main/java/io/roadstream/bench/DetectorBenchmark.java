package io.roadstream.bench;

import io.roadstream.core.congestion.JamSettings;
import io.roadstream.core.congestion.SegmentCongestion;
import io.roadstream.core.congestion.SegmentCongestionTracker;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.incident.ProbeStopPlace;
import io.roadstream.core.incident.StopState;
import io.roadstream.core.incident.StoppedVehicleDetector;
import io.roadstream.core.traffic.SegmentObservations;
import io.roadstream.core.traffic.SegmentStatsCalculator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Detector steps, one event each, with the per-key state kept in a {@link HashMap} as Flink's heap state backend
 * keeps it: the stopped-vehicle rule per probe report (every position goes through it), and the congestion
 * hysteresis per segment window. Reference: the same per-key state lookup and update with no rule in between.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DetectorBenchmark {

  private ProbePosition[] positions;
  private SegmentStats[] windows;
  private StoppedVehicleDetector<ProbeStopPlace> stopped;
  private SegmentCongestionTracker congestion;
  private final Map<String, StopState<ProbeStopPlace>> vehicles = new HashMap<>();
  private final Map<String, Long> lastSeen = new HashMap<>();
  private final Map<String, SegmentCongestion> segments = new HashMap<>();
  private int nextPosition;
  private int nextWindow;

  @Setup
  public void setUp() {
    SimulatedTraffic traffic = SimulatedTraffic.generate(Duration.ofMinutes(2));
    positions = traffic.positions.toArray(ProbePosition[]::new);
    // one window per segment, with statistics from its probes: what the hysteresis sees once a minute
    List<SegmentStats> stats = new ArrayList<>();
    for (var segment : traffic.network.segments()) {
      SegmentObservations o = new SegmentObservations();
      traffic.positions.stream().filter(p -> segment.id().equals(p.segmentId())).forEach(o::add);
      for (int minute = 0; minute < 30; minute++) {
        long start = SimulatedTraffic.START.toEpochMilli() + minute * 60_000L;
        stats.add(SegmentStatsCalculator.compute(segment, start, start + 60_000, o));
      }
    }
    windows = stats.toArray(SegmentStats[]::new);
    stopped = new StoppedVehicleDetector<>(StoppedVehicleDetector.LINEAR_ROAD_REPORTS_TO_STOP);
    congestion = new SegmentCongestionTracker(JamSettings.DEFAULT);
  }

  private ProbePosition nextPosition() {
    ProbePosition p = positions[nextPosition++];
    if (nextPosition == positions.length) {
      nextPosition = 0;
      vehicles.clear(); // the input starts over: its vehicles are new again
      lastSeen.clear();
    }
    return p;
  }

  private SegmentStats nextWindow() {
    SegmentStats s = windows[nextWindow++];
    if (nextWindow == windows.length) {
      nextWindow = 0;
      segments.clear();
    }
    return s;
  }

  @Benchmark
  public Long referenceVehicleStateLookupAndUpdate() {
    ProbePosition p = nextPosition();
    lastSeen.get(p.vehicleId());
    return lastSeen.put(p.vehicleId(), p.time());
  }

  @Benchmark
  public StopState<ProbeStopPlace> stoppedVehicleStep() {
    ProbePosition p = nextPosition();
    StopState<ProbeStopPlace> next = stopped.next(vehicles.get(p.vehicleId()), ProbeStopPlace.of(p)).state();
    vehicles.put(p.vehicleId(), next);
    return next;
  }

  @Benchmark
  public SegmentCongestion congestionStep() {
    SegmentStats s = nextWindow();
    SegmentCongestion next = congestion.next(segments.get(s.segmentId()), s).state();
    segments.put(s.segmentId(), next);
    return next;
  }
}
