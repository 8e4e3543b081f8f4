package io.roadstream.pipeline.serde;

import io.roadstream.core.incident.ProbeStopPlace;
import io.roadstream.core.incident.StopState;
import io.roadstream.pipeline.SourceState;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink's contract test for serializers over the per-source state: empty, a vehicle's (stopped, with and without
 * coordinates), a report's, both at once.
 */
class SourceStateSerializerTest extends SerializerTestBase<SourceState> {

  private static final long T = 1_795_000_000_000L;

  @Override
  protected TypeSerializer<SourceState> createSerializer() {
    return SourceStateSerializer.INSTANCE;
  }

  @Override
  protected int getLength() {
    return -1;
  }

  @Override
  protected Class<SourceState> getTypeClass() {
    return SourceState.class;
  }

  @Override
  protected SourceState[] getTestData() {
    SourceState vehicle = new SourceState();
    vehicle.vehicleClock = T;
    vehicle.vehicleForgetAt = T + 120_000;
    vehicle.stop = new StopState<>(new ProbeStopPlace("M1-E-07", 60), 4);
    vehicle.lastTime = T;
    vehicle.lastLat = 52.1;
    vehicle.lastLon = -4.3;
    vehicle.goneAt = T + 70_000;
    vehicle.timerAt = T + 70_000;

    SourceState moving = new SourceState();
    moving.vehicleClock = T + 2_000;
    moving.vehicleForgetAt = T + 120_000;
    moving.stop = new StopState<>(new ProbeStopPlace("M1-W-02", -1 - T), 1);
    moving.lastTime = T + 2_000;
    moving.goneAt = T + 70_000;
    moving.timerAt = T + 70_000;

    SourceState report = new SourceState();
    report.reportClock = T;
    report.reportForgetAt = T + 120_000;
    report.timerAt = T + 60_000;

    SourceState both = SourceStateSerializer.INSTANCE.copy(vehicle);
    both.reportClock = T - 5_000;
    both.reportForgetAt = T + 60_000;
    both.lastLon = null;
    return new SourceState[] {new SourceState(), vehicle, moving, report, both};
  }
}
