package io.roadstream.testkit;

import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.traffic.SegmentObservations;
import io.roadstream.core.traffic.SegmentStatsCalculator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The segment statistics a correct job must produce for a set of valid events: the grouping by segment and tumbling
 * window done here by hand, the arithmetic of each window by core's pure {@link SegmentStatsCalculator}, which is
 * what the job's window function calls too.
 */
public final class ExpectedStats {

  private ExpectedStats() {}

  /** One {@link SegmentStats} per segment and window that holds at least one of the events. */
  public static List<SegmentStats> of(RoadNetwork network, List<SensorReading> readings,
      List<ProbePosition> positions, Duration window) {
    long length = window.toMillis();
    Map<String, Map<Long, SegmentObservations>> bySegment = new HashMap<>();
    for (SensorReading r : readings) {
      String segment = network.detector(r.sensorId()).orElseThrow(
          () -> new IllegalArgumentException("no detector " + r.sensorId() + " in " + network.name())).segmentId();
      observations(bySegment, segment, start(r.time(), length)).add(r);
    }
    for (ProbePosition p : positions) {
      observations(bySegment, p.segmentId(), start(p.time(), length)).add(p);
    }
    List<SegmentStats> expected = new ArrayList<>();
    bySegment.forEach((segment, windows) -> windows.forEach((start, o) ->
        expected.add(SegmentStatsCalculator.compute(network.requireSegment(segment), start, start + length, o))));
    return expected;
  }

  private static SegmentObservations observations(Map<String, Map<Long, SegmentObservations>> bySegment,
      String segment, long start) {
    return bySegment.computeIfAbsent(segment, s -> new HashMap<>()).computeIfAbsent(start,
        s -> new SegmentObservations());
  }

  private static long start(long time, long length) {
    return time - Math.floorMod(time, length);
  }
}
