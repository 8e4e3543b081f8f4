package io.roadstream.pipeline;

import io.roadstream.core.congestion.JamSettings;
import io.roadstream.core.congestion.SegmentCongestion;
import io.roadstream.core.congestion.SegmentCongestionTracker;
import io.roadstream.core.event.SegmentStats;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per segment: keeps its congestion state and emits when it flips. Core decides ({@link SegmentCongestionTracker});
 * the state is one small record per segment of the network, so it needs no TTL.
 */
public final class SegmentCongestionFunction
    extends KeyedProcessFunction<String, SegmentStats, SegmentCongestionChange> {

  private final JamSettings settings;
  private transient SegmentCongestionTracker tracker;
  private transient ValueState<SegmentCongestion> state;

  public SegmentCongestionFunction(JamSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext context) {
    tracker = new SegmentCongestionTracker(settings);
    state = getRuntimeContext().getState(new ValueStateDescriptor<>("congestion", SegmentCongestion.class));
  }

  @Override
  public void processElement(SegmentStats window, Context ctx, Collector<SegmentCongestionChange> out)
      throws Exception {
    SegmentCongestionTracker.Step step = tracker.next(state.value(), window);
    state.update(step.state());
    if (step.changed()) {
      out.collect(new SegmentCongestionChange(step.state().congested(), window));
    }
  }
}
