package io.roadstream.app;

import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.traffic.SegmentObservations;
import io.roadstream.core.traffic.SegmentStatsCalculator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the segment statistics of a set of events must be: grouping by segment and tumbling window done here by
 * hand, the per-window arithmetic by core's pure function.
 */
final class ExpectedStats {

  private ExpectedStats() {}

  static List<SegmentStats> of(RoadNetwork network, List<SensorReading> readings, List<ProbePosition> positions,
      long windowMs) {
    Map<String, SegmentObservations> byWindow = new HashMap<>();
    for (SensorReading r : readings) {
      String segment = network.detector(r.sensorId()).orElseThrow().segmentId();
      byWindow.computeIfAbsent(segment + "|" + (r.time() - r.time() % windowMs), k -> new SegmentObservations())
          .add(r);
    }
    for (ProbePosition p : positions) {
      byWindow.computeIfAbsent(p.segmentId() + "|" + (p.time() - p.time() % windowMs), k -> new SegmentObservations())
          .add(p);
    }
    List<SegmentStats> expected = new ArrayList<>();
    byWindow.forEach((key, o) -> {
      String[] parts = key.split("\\|");
      long start = Long.parseLong(parts[1]);
      expected.add(SegmentStatsCalculator.compute(network.requireSegment(parts[0]), start, start + windowMs, o));
    });
    return expected;
  }
}
