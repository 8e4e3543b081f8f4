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
 * <p>The positions come as {@link VehicleSighting}s, the three fields of a position this needs, and only those that
 * can change what this operator knows ({@link VehiclePresence#changesPresence}): {@link VehicleFunction} sends a
 * vehicle's first report on a segment and its first in each later expiry step, a fifth of the reports of a probe
 * reporting every 2 s. Any other report would find the vehicle present in its step already and change nothing.
 */
public final class VehicleAlertFunction extends KeyedCoProcessFunction<String, VehicleSighting, Alert, Alert> {

  private final VehiclePresence presence;
  private transient MapState<String, Long> vehicles;
  private transient MapState<String, Alert> issued;

  public VehicleAlertFunction(long presenceMillis) {
    this.presence = new VehiclePresence(presenceMillis);
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
    // same timer, so the rest change nothing. The vehicle operator sends few others; it sends a report it cannot
    // judge (one from before the stopped-vehicle rule's last), and such a report must not move the vehicle back
    long timer = presence.expiryStep(sighting.time());
    if (lastSeen == null || timer > presence.expiryStep(lastSeen)) {
      vehicles.put(sighting.vehicleId(), sighting.time());
      // one timer per segment and step, not one per report (probes may report every second or two)
      ctx.timerService().registerEventTimeTimer(timer);
    }
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
      if (presence.expiryStep(v.getValue()) <= timestamp) {
        gone.add(v.getKey());
      }
    }
    for (String vehicle : gone) {
      vehicles.remove(vehicle);
    }
  }
}
