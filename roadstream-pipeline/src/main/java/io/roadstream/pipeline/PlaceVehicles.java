package io.roadstream.pipeline;

import io.roadstream.core.incident.StoppedVehicles;
import java.util.List;

/**
 * {@link StoppedVehicles} as Flink state: an array instead of a List, which Flink would hand to Kryo.
 *
 * @param detectedAt when the accident here was detected, or 0
 */
public record PlaceVehicles(String[] vehicles, boolean accident, long detectedAt) {

  StoppedVehicles<String> toCore() {
    return new StoppedVehicles<>(List.of(vehicles), accident);
  }

  static PlaceVehicles of(StoppedVehicles<String> core, long detectedAt) {
    return new PlaceVehicles(core.vehicles().toArray(String[]::new), core.accident(), detectedAt);
  }
}
