package io.roadstream.pipeline;

import io.roadstream.core.event.Incident;
import io.roadstream.core.incident.IncidentBoard;
import io.roadstream.core.incident.IncidentCorrelator;
import io.roadstream.core.incident.IncidentSettings;
import io.roadstream.core.incident.IncidentSignal;
import io.roadstream.core.network.RoadNetwork;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Merges every source's incident signals into incidents (core's {@link IncidentCorrelator}). An incident can be
 * seen by sources keyed in different places — vehicles, detector pairs, reports — so this sees the whole network:
 * one key, the network's name. Signals are rare (a few per incident), so one task is plenty.
 *
 * <p>Signals are applied in event-time order, not in arrival order: each source's path has its own delay (a report
 * passes straight through, a detector pair waits for both stations), so a report closed at 07:39 may arrive before
 * the detectors' view of 07:32. Each signal waits until the watermark reaches its time. Confirmation by persistence
 * runs on the same timers.
 */
public final class IncidentCorrelatorFunction extends KeyedProcessFunction<String, IncidentSignal, Incident> {

  private final RoadNetwork network;
  private final IncidentSettings settings;
  private transient IncidentCorrelator correlator;
  private transient ValueState<IncidentBoard> board;
  private transient MapState<Long, IncidentSignal[]> waiting;

  public IncidentCorrelatorFunction(RoadNetwork network, IncidentSettings settings) {
    this.network = network;
    this.settings = settings;
  }

  @Override
  public void open(OpenContext context) {
    correlator = new IncidentCorrelator(network, settings);
    board = getRuntimeContext().getState(new ValueStateDescriptor<>("incidents", IncidentBoard.class));
    waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>("waiting-signals", Types.LONG,
        TypeInformation.of(IncidentSignal[].class)));
  }

  @Override
  public void processElement(IncidentSignal signal, Context ctx, Collector<Incident> out) throws Exception {
    if (signal.time() <= ctx.timerService().currentWatermark()) {
      apply(signal, ctx.timerService(), out); // late: its turn has passed, so it goes now
      return;
    }
    IncidentSignal[] before = waiting.get(signal.time());
    IncidentSignal[] now = before == null ? new IncidentSignal[1] : Arrays.copyOf(before, before.length + 1);
    now[now.length - 1] = signal;
    waiting.put(signal.time(), now);
    ctx.timerService().registerEventTimeTimer(signal.time());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Incident> out) throws Exception {
    IncidentSignal[] due = waiting.get(timestamp);
    if (due != null) {
      waiting.remove(timestamp);
      for (IncidentSignal signal : due) {
        apply(signal, ctx.timerService(), out);
      }
    }
    IncidentCorrelator.Result result = correlator.confirmDue(current(), timestamp);
    board.update(result.board());
    result.events().forEach(out::collect);
  }

  private void apply(IncidentSignal signal, TimerService timers, Collector<Incident> out) throws Exception {
    IncidentCorrelator.Result result = correlator.apply(current(), signal);
    board.update(result.board());
    result.confirmAt().ifPresent(timers::registerEventTimeTimer);
    result.events().forEach(out::collect);
  }

  private IncidentBoard current() throws Exception {
    return board.value() == null ? IncidentBoard.EMPTY : board.value();
  }
}
