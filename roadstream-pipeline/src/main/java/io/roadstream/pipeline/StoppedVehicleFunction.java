package io.roadstream.pipeline;

import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.incident.ProbeStopPlace;
import io.roadstream.core.incident.StopState;
import io.roadstream.core.incident.StopTransition;
import io.roadstream.core.incident.StoppedVehicleDetector;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per probe vehicle: core's stopped-vehicle rule over its reports, and an event-time timer that forgets a vehicle
 * silent for {@code goneAfter} — it left the network or switched off — so its state does not outlive it and a
 * stopped vehicle that vanishes stops counting towards an accident.
 */
public final class StoppedVehicleFunction extends KeyedProcessFunction<String, ProbePosition, StopChange> {

  /** Granularity of the silence timers. */
  private static final long TIMER_STEP_MILLIS = 10_000;

  private final int reportsToStop;
  private final long goneAfterMillis;
  private transient StoppedVehicleDetector<ProbeStopPlace> detector;
  private transient ValueState<StopState<ProbeStopPlace>> stop;
  private transient ValueState<ProbePosition> last;

  public StoppedVehicleFunction(int reportsToStop, Duration goneAfter) {
    this.reportsToStop = reportsToStop;
    this.goneAfterMillis = goneAfter.toMillis();
  }

  @Override
  public void open(OpenContext context) {
    detector = new StoppedVehicleDetector<>(reportsToStop);
    stop = getRuntimeContext().getState(new ValueStateDescriptor<>("stop",
        TypeInformation.of(new TypeHint<StopState<ProbeStopPlace>>() { })));
    last = getRuntimeContext().getState(new ValueStateDescriptor<>("last", ProbePosition.class));
  }

  @Override
  public void processElement(ProbePosition p, Context ctx, Collector<StopChange> out) throws Exception {
    ProbePosition previous = last.value();
    if (previous != null && p.time() <= previous.time()) {
      return; // a duplicate or a report from the past: the rule needs reports in order
    }
    StopTransition<ProbeStopPlace> t = detector.next(stop.value(), ProbeStopPlace.of(p));
    if (t.resumed()) {
      out.collect(change(p.vehicleId(), t.resumedFrom(), false, p.time(), previous));
    }
    if (t.becameStopped()) {
      out.collect(change(p.vehicleId(), t.stoppedAt(), true, p.time(), p));
    }
    stop.update(t.state());
    last.update(p);
    // one timer per vehicle per TIMER_STEP, not one per report: Flink keeps one timer per key and instant, so
    // reports inside a step reuse it; onTimer tells a vehicle still reporting from a silent one
    long timer = roundUp(p.time() + goneAfterMillis);
    if (previous == null || roundUp(previous.time() + goneAfterMillis) != timer) {
      ctx.timerService().registerEventTimeTimer(timer);
    }
  }

  private static long roundUp(long millis) {
    return (millis / TIMER_STEP_MILLIS + 1) * TIMER_STEP_MILLIS;
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<StopChange> out) throws Exception {
    StopState<ProbeStopPlace> state = stop.value();
    ProbePosition previous = last.value();
    if (previous == null || previous.time() + goneAfterMillis > timestamp) {
      return; // it reported since this timer was set; a later timer covers the newer report
    }
    if (detector.isStopped(state)) {
      out.collect(change(previous.vehicleId(), state.position(), false, timestamp, previous));
    }
    stop.clear();
    last.clear();
  }

  private static StopChange change(String vehicle, ProbeStopPlace place, boolean stopped, long time, ProbePosition at) {
    return new StopChange(vehicle, place.key(), place.segmentId(), place.offsetM(), stopped, time,
        at == null ? null : at.lat(), at == null ? null : at.lon());
  }
}
