package io.roadstream.pipeline;

import io.roadstream.core.incident.AccidentDetector;
import io.roadstream.core.incident.AccidentUpdate;
import io.roadstream.core.incident.IncidentSignal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per place: core's accident rule over the vehicles stopping and leaving there, as the probes' incident signal
 * (seen when the accident is detected, ended when it clears). The vehicles come from different parallel tasks, so
 * their changes are applied in event time order ({@link EventTimeBuffer}): otherwise, in a replay, one car could
 * stop and leave before the other's stop arrived, and the accident would be missed. The state goes when the last
 * stopped vehicle leaves, so places do not accumulate.
 */
public final class AccidentFunction extends KeyedProcessFunction<String, StopChange, IncidentSignal> {

  private transient AccidentDetector<String> detector;
  private transient ValueState<PlaceVehicles> place;
  private transient EventTimeBuffer<StopChange> waiting;

  @Override
  public void open(OpenContext context) {
    detector = new AccidentDetector<>();
    place = getRuntimeContext().getState(new ValueStateDescriptor<>("place", PlaceVehicles.class));
    waiting = new EventTimeBuffer<>(getRuntimeContext(), "waiting-changes", TypeInformation.of(StopChange[].class),
        StopChange[]::new);
  }

  @Override
  public void processElement(StopChange change, Context ctx, Collector<IncidentSignal> out) throws Exception {
    if (!waiting.hold(change.time(), change, ctx.timerService())) {
      apply(change, out);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<IncidentSignal> out) throws Exception {
    for (StopChange change : waiting.release(timestamp)) {
      apply(change, out);
    }
  }

  private void apply(StopChange change, Collector<IncidentSignal> out) throws Exception {
    PlaceVehicles previous = place.value();
    AccidentUpdate<String> update = change.stopped()
        ? detector.stopped(previous == null ? null : previous.toCore(), change.vehicleId())
        : detector.resumed(previous == null ? null : previous.toCore(), change.vehicleId());
    long detectedAt = update.detected() ? change.time() : previous == null ? 0 : previous.detectedAt();
    if (update.state() == null) {
      place.clear();
    } else {
      place.update(PlaceVehicles.of(update.state(), detectedAt));
    }
    if (update.detected() || update.cleared()) {
      String[] vehicles = update.state() == null ? previous.vehicles()
          : update.state().vehicles().toArray(String[]::new);
      out.collect(new IncidentSignal(IncidentSignal.PROBES + ":" + change.placeKey() + "-" + detectedAt,
          IncidentSignal.PROBES, update.detected() ? IncidentSignal.Status.SEEN : IncidentSignal.Status.ENDED,
          "accident", change.time(), change.segmentId(), change.offsetM(), 0, change.lat(), change.lon(), vehicles,
          update.detected()
              ? vehicles.length + " vehicles stopped within 10 m for 4 reports each"
              : "fewer than 2 vehicles remain stopped there"));
    }
  }
}
