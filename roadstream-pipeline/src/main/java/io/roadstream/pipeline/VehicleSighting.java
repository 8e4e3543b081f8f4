package io.roadstream.pipeline;

import io.roadstream.core.event.ProbePosition;
import io.roadstream.pipeline.serde.VehicleSightingTypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A probe vehicle seen on a segment at an instant: all that {@link VehicleAlertFunction} needs of a position, so
 * that the shuffle to it carries three fields instead of the whole event (binary, see
 * {@link io.roadstream.pipeline.serde.VehicleSightingSerializer}).
 */
@TypeInfo(VehicleSightingTypeInfoFactory.class)
public record VehicleSighting(String segmentId, String vehicleId, long time) {

  public static VehicleSighting of(ProbePosition p) {
    return new VehicleSighting(p.segmentId(), p.vehicleId(), p.time());
  }
}
