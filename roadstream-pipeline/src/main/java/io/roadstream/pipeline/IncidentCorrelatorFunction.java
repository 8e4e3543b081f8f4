package io.roadstream.pipeline;

import io.roadstream.core.event.Incident;
import io.roadstream.core.incident.IncidentBoard;
import io.roadstream.core.incident.IncidentCorrelator;
import io.roadstream.core.incident.IncidentSettings;
import io.roadstream.core.incident.IncidentSignal;
import io.roadstream.core.network.RoadNetwork;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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
 * the detectors' view of 07:32. Each signal waits until the watermark reaches its time ({@link EventTimeBuffer}).
 * Confirmation by persistence runs on the same timers.
 */
public final class IncidentCorrelatorFunction extends KeyedProcessFunction<String, IncidentSignal, Incident> {

  private final RoadNetwork network;
  private final IncidentSettings settings;
  private transient IncidentCorrelator correlator;
  private transient ValueState<IncidentBoard> board;
  private transient EventTimeBuffer<IncidentSignal> waiting;

  public IncidentCorrelatorFunction(RoadNetwork network, IncidentSettings settings) {
    this.network = network;
    this.settings = settings;
  }

  @Override
  public void open(OpenContext context) {
    correlator = new IncidentCorrelator(network, settings);
    board = getRuntimeContext().getState(new ValueStateDescriptor<>("incidents", IncidentBoard.class));
    waiting = new EventTimeBuffer<>(getRuntimeContext(), "waiting-signals",
        TypeInformation.of(IncidentSignal[].class), IncidentSignal[]::new);
  }

  @Override
  public void processElement(IncidentSignal signal, Context ctx, Collector<Incident> out) throws Exception {
    if (!waiting.hold(signal.time(), signal, ctx.timerService())) {
      apply(signal, ctx.timerService(), out); // late: its turn has passed, so it goes now
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Incident> out) throws Exception {
    for (IncidentSignal signal : waiting.release(timestamp)) {
      apply(signal, ctx.timerService(), out);
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
