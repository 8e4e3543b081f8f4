package io.roadstream.pipeline;

import io.roadstream.core.detector.CaliforniaDetector;
import io.roadstream.core.detector.CaliforniaState;
import io.roadstream.core.detector.CaliforniaThresholds;
import io.roadstream.core.detector.StationPair;
import io.roadstream.core.incident.IncidentSignal;
import io.roadstream.core.incident.IncidentSignals;
import io.roadstream.core.network.RoadNetwork;
import java.util.ArrayList;
import java.util.Collections;
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
 * Per station pair: core's California tests, once per interval and in interval order. An interval is decided as
 * soon as both stations have reported it and no earlier interval is still waiting for its other station. Detectors
 * report an interval after it ends, stamped with its start, so their readings usually arrive behind the watermark; an
 * interval whose other station never reports is decided anyway once the watermark passes its end plus
 * {@code graceMillis} (the pipeline's allowed lateness), with the station missing — which decides nothing (see
 * {@link CaliforniaDetector}) — so that later intervals are not held back.
 */
public final class CaliforniaFunction extends KeyedProcessFunction<String, PairOccupancy, IncidentSignal> {

  private final RoadNetwork network;
  private final List<StationPair> pairs;
  private final CaliforniaThresholds thresholds;
  private final long graceMillis;
  private transient Map<String, StationPair> pairsByKey;
  private transient CaliforniaDetector detector;
  private transient IncidentSignals signals;
  private transient ValueState<CaliforniaState> state;
  private transient MapState<Long, PairInterval> pending;

  /** What the two stations reported so far for one interval: occupancies, and the downstream flow share. */
  public record PairInterval(long intervalEnd, Double upstream, Double downstream, Double downstreamFlowShare) {}

  public CaliforniaFunction(RoadNetwork network, List<StationPair> pairs, CaliforniaThresholds thresholds,
      long graceMillis) {
    this.network = network;
    this.pairs = pairs;
    this.thresholds = thresholds;
    this.graceMillis = graceMillis;
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
      ctx.timerService().registerEventTimeTimer(o.intervalEnd() + graceMillis);
    }
    pending.put(o.intervalStart(), o.upstream()
        ? new PairInterval(collected.intervalEnd(), o.occupancy(), collected.downstream(),
            collected.downstreamFlowShare())
        : new PairInterval(collected.intervalEnd(), collected.upstream(), o.occupancy(), o.flowShare()));
    decideInOrder(Long.MIN_VALUE, ctx.getCurrentKey(), out);
  }

  @Override
  public void onTimer(long deadline, OnTimerContext ctx, Collector<IncidentSignal> out) throws Exception {
    decideInOrder(deadline, ctx.getCurrentKey(), out);
  }

  /**
   * Decides the waiting intervals oldest first: each one both stations have reported, and each one whose deadline
   * (end plus grace) is at or before {@code deadline} even with a station missing; stops at the first that must wait.
   */
  private void decideInOrder(long deadline, String pairKey, Collector<IncidentSignal> out) throws Exception {
    List<Long> starts = new ArrayList<>();
    pending.keys().forEach(starts::add);
    Collections.sort(starts);
    for (long start : starts) {
      PairInterval collected = pending.get(start);
      boolean complete = collected.upstream() != null && collected.downstream() != null;
      if (!complete && collected.intervalEnd() + graceMillis > deadline) {
        return;
      }
      pending.remove(start);
      CaliforniaState previous = state.value() == null ? CaliforniaState.initial() : state.value();
      CaliforniaDetector.Step step = detector.next(previous, pairsByKey.get(pairKey),
          new CaliforniaDetector.PairInterval(start, collected.intervalEnd(), collected.upstream(),
              collected.downstream(), collected.downstreamFlowShare()));
      state.update(step.state());
      step.incident().ifPresent(incident -> out.collect(signals.fromDetectors(incident)));
    }
  }
}
