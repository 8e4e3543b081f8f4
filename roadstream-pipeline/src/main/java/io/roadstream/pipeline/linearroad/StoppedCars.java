package io.roadstream.pipeline.linearroad;

import io.roadstream.core.incident.StoppedVehicles;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link StoppedVehicles StoppedVehicles&lt;Integer&gt;} as Flink state: its {@code List} field would be serialized
 * with Kryo, which the job forbids, so the VIDs are kept in an {@code int[]}. Converted only when a car stops or
 * moves on, which is rare.
 */
public record StoppedCars(int[] vids, boolean accident) {

  public static StoppedCars of(StoppedVehicles<Integer> stopped) {
    return stopped == null ? null
        : new StoppedCars(stopped.vehicles().stream().mapToInt(Integer::intValue).toArray(), stopped.accident());
  }

  public StoppedVehicles<Integer> toStoppedVehicles() {
    List<Integer> vehicles = new ArrayList<>(vids.length);
    for (int vid : vids) {
      vehicles.add(vid);
    }
    return new StoppedVehicles<>(vehicles, accident);
  }
}
