package io.roadstream.core.incident;

import java.io.Serializable;
import java.util.List;

/**
 * What {@link AccidentDetector} keeps for one position: the distinct vehicles stopped there, in the order they
 * stopped, and whether they make an accident.
 *
 * @param vehicles distinct, at least one (an empty position has no state at all)
 * @param accident true while the accident detected here is active
 */
public record StoppedVehicles<V>(List<V> vehicles, boolean accident) implements Serializable {

  public StoppedVehicles {
    vehicles = List.copyOf(vehicles);
    if (vehicles.isEmpty()) {
      throw new IllegalArgumentException("a position with no stopped vehicle has no state");
    }
  }
}
