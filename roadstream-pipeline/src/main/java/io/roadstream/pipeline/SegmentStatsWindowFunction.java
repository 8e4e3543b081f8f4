package io.roadstream.pipeline;

import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.traffic.SegmentObservations;
import io.roadstream.core.traffic.SegmentStatsCalculator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Decorates a window's observations with the segment and the window bounds: core computes the statistics. */
public final class SegmentStatsWindowFunction
    extends ProcessWindowFunction<SegmentObservations, SegmentStats, String, TimeWindow> {

  private final RoadNetwork network;

  public SegmentStatsWindowFunction(RoadNetwork network) {
    this.network = network;
  }

  @Override
  public void process(String segmentId, Context context, Iterable<SegmentObservations> observations,
      Collector<SegmentStats> out) {
    SegmentObservations o = observations.iterator().next();
    TimeWindow window = context.window();
    out.collect(SegmentStatsCalculator.compute(network.requireSegment(segmentId), window.getStart(), window.getEnd(), o));
  }
}
