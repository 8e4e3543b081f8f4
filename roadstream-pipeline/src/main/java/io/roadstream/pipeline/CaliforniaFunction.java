package io.roadstream.pipeline;

import io.roadstream.core.detector.CaliforniaDetector;
import io.roadstream.core.detector.CaliforniaState;
import io.roadstream.core.detector.CaliforniaThresholds;
import io.roadstream.core.detector.StationPair;
import io.roadstream.core.incident.IncidentSignal;
import io.roadstream.core.incident.IncidentSignals;
import io.roadstream.core.network.RoadNetwork;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per station pair: core's California tests, once per interval and in interval order. Both stations' occupancies
 * of an interval are collected until the watermark passes the interval's start — the time the readings carry — so
 * that both have arrived; then the interval is decided, even with one station missing (which decides nothing, see
 * {@link CaliforniaDetector}).
 */
public final class CaliforniaFunction extends KeyedProcessFunction<String, PairOccupancy, IncidentSignal> {

  private final RoadNetwork network;
  private final List<StationPair> pairs;
  private final CaliforniaThresholds thresholds;
  private transient Map<String, StationPair> pairsByKey;
  private transient CaliforniaDetector detector;
  private transient IncidentSignals signals;
  private transient ValueState<CaliforniaState> state;
  private transient MapState<Long, PairInterval> pending;

  /** What the two stations reported so far for one interval: occupancies, and the downstream flow share. */
  public record PairInterval(long intervalEnd, Double upstream, Double downstream, Double downstreamFlowShare) {}

  public CaliforniaFunction(RoadNetwork network, List<StationPair> pairs, CaliforniaThresholds thresholds) {
    this.network = network;
    this.pairs = pairs;
    this.thresholds = thresholds;
  }

  @Override
  public void open(OpenContext context) {
    pairsByKey = new HashMap<>();
    pairs.forEach(p -> pairsByKey.put(p.key(), p));
    detector = new CaliforniaDetector(thresholds);
    signals = new IncidentSignals(network);
    state = getRuntimeContext().getState(new ValueStateDescriptor<>("california", CaliforniaState.class));
    pending = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("pending-intervals", Types.LONG, Types.POJO(PairInterval.class)));
  }

  @Override
  public void processElement(PairOccupancy o, Context ctx, Collector<IncidentSignal> out) throws Exception {
    PairInterval collected = pending.get(o.intervalStart());
    if (collected == null) {
      collected = new PairInterval(o.intervalEnd(), null, null, null);
      ctx.timerService().registerEventTimeTimer(o.intervalStart());
    }
    pending.put(o.intervalStart(), o.upstream()
        ? new PairInterval(collected.intervalEnd(), o.occupancy(), collected.downstream(),
            collected.downstreamFlowShare())
        : new PairInterval(collected.intervalEnd(), collected.upstream(), o.occupancy(), o.flowShare()));
  }

  @Override
  public void onTimer(long intervalStart, OnTimerContext ctx, Collector<IncidentSignal> out) throws Exception {
    PairInterval collected = pending.get(intervalStart);
    if (collected == null) {
      return;
    }
    pending.remove(intervalStart);
    CaliforniaState previous = state.value() == null ? CaliforniaState.initial() : state.value();
    CaliforniaDetector.Step step = detector.next(previous, pairsByKey.get(ctx.getCurrentKey()),
        new CaliforniaDetector.PairInterval(intervalStart, collected.intervalEnd(), collected.upstream(),
            collected.downstream(), collected.downstreamFlowShare()));
    state.update(step.state());
    step.incident().ifPresent(incident -> out.collect(signals.fromDetectors(incident)));
  }
}
