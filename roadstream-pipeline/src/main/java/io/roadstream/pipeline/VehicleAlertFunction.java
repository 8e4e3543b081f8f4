package io.roadstream.pipeline;

import io.roadstream.core.event.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per segment: the segment's driver alerts, addressed to the probe vehicles on it. A vehicle on the segment when an
 * alert is issued or withdrawn gets it at once; a vehicle that enters the segment while an alert is out gets it with
 * its first report there. A vehicle counts as on the segment while it has reported there within {@code presence}:
 * a vehicle that drove on reports from another segment (another key), so silence here is how it is seen to leave.
 *
 * <p>The positions come as {@link VehicleSighting}s, the three fields of a position this needs, so the one shuffle
 * this operator costs carries little.
 */
public final class VehicleAlertFunction extends KeyedCoProcessFunction<String, VehicleSighting, Alert, Alert> {

  /**
   * Expiry timers are rounded up to this: a vehicle counts as present until the first multiple of it after its last
   * report plus {@code presence}, up to this much longer than {@code presence}.
   */
  private static final long TIMER_STEP_MILLIS = 10_000;

  private final long presenceMillis;
  private transient MapState<String, Long> vehicles;
  private transient MapState<String, Alert> issued;

  public VehicleAlertFunction(long presenceMillis) {
    this.presenceMillis = presenceMillis;
  }

  @Override
  public void open(OpenContext context) {
    vehicles = getRuntimeContext().getMapState(new MapStateDescriptor<>("vehicles-here", Types.STRING, Types.LONG));
    issued = getRuntimeContext().getMapState(new MapStateDescriptor<>("alerts-out", Types.STRING,
        TypeInformation.of(Alert.class)));
  }

  @Override
  public void processElement1(VehicleSighting sighting, Context ctx, Collector<Alert> out) throws Exception {
    Long lastSeen = vehicles.get(sighting.vehicleId());
    if (lastSeen == null) {
      for (Alert alert : issued.values()) {
        out.collect(alert.toVehicle(sighting.vehicleId(), sighting.time()));
      }
    }
    // what is kept is the first report of the vehicle's latest timer step: every report of one step expires at the
    // same timer, so the rest change nothing (a probe reporting every 2 s writes its state once in 10 s, not 5 times)
    long timer = expiryTimer(sighting.time());
    if (lastSeen == null || timer > expiryTimer(lastSeen)) {
      vehicles.put(sighting.vehicleId(), sighting.time());
      // one timer per segment and TIMER_STEP, not one per report (probes may report every second or two)
      ctx.timerService().registerEventTimeTimer(timer);
    }
  }

  private long expiryTimer(long seenAt) {
    long expiry = seenAt + presenceMillis;
    return expiry - Math.floorMod(expiry, TIMER_STEP_MILLIS) + TIMER_STEP_MILLIS;
  }

  @Override
  public void processElement2(Alert alert, Context ctx, Collector<Alert> out) throws Exception {
    if (alert.type().equals(Alert.ISSUED)) {
      issued.put(alert.alertId(), alert);
    } else {
      issued.remove(alert.alertId());
    }
    for (String vehicle : vehicles.keys()) {
      out.collect(alert.toVehicle(vehicle, alert.time()));
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
    List<String> gone = new ArrayList<>();
    for (Map.Entry<String, Long> v : vehicles.entries()) {
      // the vehicle's own expiry timer: the same step for every report it made in one step
      if (expiryTimer(v.getValue()) <= timestamp) {
        gone.add(v.getKey());
      }
    }
    for (String vehicle : gone) {
      vehicles.remove(vehicle);
    }
  }
}
