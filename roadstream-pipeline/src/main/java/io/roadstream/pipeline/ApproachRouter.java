package io.roadstream.pipeline;

import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.network.Intersection;
import io.roadstream.core.network.RoadNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Sends each window of an approach segment to the intersections it approaches; other segments' windows go nowhere. */
public final class ApproachRouter implements FlatMapFunction<SegmentStats, ApproachStats> {

  private final Map<String, List<String>> intersectionsBySegment = new HashMap<>();

  public ApproachRouter(RoadNetwork network) {
    for (Intersection i : network.intersections()) {
      for (String approach : i.approaches()) {
        intersectionsBySegment.computeIfAbsent(approach, k -> new ArrayList<>()).add(i.id());
      }
    }
  }

  @Override
  public void flatMap(SegmentStats stats, Collector<ApproachStats> out) {
    for (String intersection : intersectionsBySegment.getOrDefault(stats.segmentId(), List.of())) {
      out.collect(new ApproachStats(intersection, stats));
    }
  }
}
