package io.roadstream.pipeline;

import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SignalPlan;
import io.roadstream.core.network.Intersection;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.signal.SignalPlanChangeFilter;
import io.roadstream.core.signal.WebsterPlanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per intersection: collects its approaches' flows over each planning period (5 minutes of event time), then asks
 * core's {@link WebsterPlanner} for a plan and publishes it when {@link SignalPlanChangeFilter} finds it different
 * enough from the last one. The period's flows are dropped after planning; only the last published plan stays.
 */
public final class SignalPlanFunction extends KeyedProcessFunction<String, ApproachStats, SignalPlanRecord> {

  private final RoadNetwork network;
  private final long periodMillis;
  private transient WebsterPlanner planner;
  private transient SignalPlanChangeFilter filter;
  /** Flows per planning period and approach, keyed {@code <periodEnd>|<segmentId>}. */
  private transient MapState<String, ApproachFlow> flows;
  private transient ValueState<SignalPlanRecord> published;

  public SignalPlanFunction(RoadNetwork network, long periodMillis) {
    this.network = network;
    this.periodMillis = periodMillis;
  }

  @Override
  public void open(OpenContext context) {
    planner = new WebsterPlanner();
    filter = new SignalPlanChangeFilter();
    flows = getRuntimeContext().getMapState(new MapStateDescriptor<>("flows", String.class, ApproachFlow.class));
    published = getRuntimeContext().getState(new ValueStateDescriptor<>("published", SignalPlanRecord.class));
  }

  @Override
  public void processElement(ApproachStats approach, Context ctx, Collector<SignalPlanRecord> out) throws Exception {
    SegmentStats window = approach.stats();
    if (window.flowVehPerHour() == null) {
      return; // an approach without a detector this window tells nothing about its flow
    }
    // plan at the end of the period the window ends in; windows of later periods can arrive before this
    // period's timer fires (parallel upstream tasks run ahead), so flows are kept per period
    long periodEnd = (window.windowEnd() - 1) / periodMillis * periodMillis + periodMillis;
    String key = periodEnd + "|" + window.segmentId();
    ApproachFlow previous = flows.get(key);
    flows.put(key, previous == null
        ? new ApproachFlow(window.flowVehPerHour(), 1, window.windowStart(), window.windowEnd())
        : previous.add(window.flowVehPerHour(), window.windowStart(), window.windowEnd()));
    ctx.timerService().registerEventTimeTimer(periodEnd);
  }

  @Override
  public void onTimer(long periodEnd, OnTimerContext ctx, Collector<SignalPlanRecord> out) throws Exception {
    Intersection intersection = network.intersection(ctx.getCurrentKey()).orElseThrow();
    Map<String, SegmentStats> approaches = new HashMap<>();
    String prefix = periodEnd + "|";
    List<String> done = new ArrayList<>();
    for (Map.Entry<String, ApproachFlow> e : flows.entries()) {
      if (!e.getKey().startsWith(prefix)) {
        continue;
      }
      String segment = e.getKey().substring(prefix.length());
      ApproachFlow f = e.getValue();
      approaches.put(segment, new SegmentStats(segment, f.firstWindowStart(), f.lastWindowEnd(), null,
          f.meanFlow(), null, null, null, null, f.windows(), 0));
      done.add(e.getKey());
    }
    for (String key : done) {
      flows.remove(key);
    }
    Optional<SignalPlan> plan = planner.plan(intersection, network, approaches, periodEnd);
    SignalPlanRecord last = published.value();
    if (plan.isPresent() && filter.shouldPublish(last == null ? null : last.toCore(), plan.get())) {
      SignalPlanRecord record = SignalPlanRecord.of(plan.get());
      published.update(record);
      out.collect(record);
    }
  }
}
