package io.roadstream.bench;

import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.Segment;
import io.roadstream.core.traffic.SegmentObservations;
import io.roadstream.core.traffic.SegmentStatsCalculator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * One segment's one-minute window, as the job's window operator computes it: every reading and position folded into
 * core's {@link SegmentObservations}, then {@link SegmentStatsCalculator}. One operation is one window (the setup
 * prints how many events a window holds on average). Reference: a plain loop summing the same window's probe speeds
 * (touching every event once, nothing else).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AggregationBenchmark {

  private record Window(Segment segment, long start, SensorReading[] readings, ProbePosition[] positions) {}

  private Window[] windows;
  private int next;

  @Setup
  public void setUp() {
    SimulatedTraffic traffic = SimulatedTraffic.generate(Duration.ofMinutes(3));
    Map<String, List<SensorReading>> readings = new LinkedHashMap<>();
    Map<String, List<ProbePosition>> positions = new LinkedHashMap<>();
    for (SensorReading r : traffic.readings) {
      String segment = traffic.network.detector(r.sensorId()).orElseThrow().segmentId();
      readings.computeIfAbsent(segment + "|" + minute(r.time()), k -> new ArrayList<>()).add(r);
    }
    for (ProbePosition p : traffic.positions) {
      positions.computeIfAbsent(p.segmentId() + "|" + minute(p.time()), k -> new ArrayList<>()).add(p);
    }
    List<Window> all = new ArrayList<>();
    long events = 0;
    for (String key : positions.keySet()) {
      String segment = key.substring(0, key.indexOf('|'));
      List<SensorReading> r = readings.getOrDefault(key, List.of());
      List<ProbePosition> p = positions.get(key);
      all.add(new Window(traffic.network.requireSegment(segment), Long.parseLong(key.substring(key.indexOf('|') + 1)),
          r.toArray(SensorReading[]::new), p.toArray(ProbePosition[]::new)));
      events += r.size() + p.size();
    }
    windows = all.toArray(Window[]::new);
    System.out.printf("%n%d windows, %.1f events per window on average%n", windows.length,
        (double) events / windows.length);
  }

  private static long minute(long time) {
    return time - Math.floorMod(time, 60_000L);
  }

  private Window nextWindow() {
    Window w = windows[next++];
    if (next == windows.length) {
      next = 0;
    }
    return w;
  }

  @Benchmark
  public double referenceSumOfProbeSpeeds() {
    Window w = nextWindow();
    double sum = 0;
    for (SensorReading r : w.readings) {
      sum += r.intervalSeconds();
    }
    for (ProbePosition p : w.positions) {
      sum += p.speedKmh();
    }
    return sum;
  }

  @Benchmark
  public SegmentStats foldWindowAndComputeStats() {
    Window w = nextWindow();
    SegmentObservations o = new SegmentObservations();
    for (SensorReading r : w.readings) {
      o.add(r);
    }
    for (ProbePosition p : w.positions) {
      o.add(p);
    }
    return SegmentStatsCalculator.compute(w.segment, w.start, w.start + 60_000, o);
  }
}
