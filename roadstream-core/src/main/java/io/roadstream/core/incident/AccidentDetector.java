package io.roadstream.core.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Accidents from stopped vehicles: two or more distinct vehicles stopped at the same position make an accident,
 * which clears when fewer than two remain stopped there. A single stopped vehicle (a breakdown, a parked car) is
 * never an accident, and a vehicle reported stopped twice counts once.
 *
 * <p>Pure and stateless: the caller feeds the transitions of {@link StoppedVehicleDetector} for one position
 * together with that position's {@link StoppedVehicles} state (null when none), and stores the state returned — a
 * keyed operator keeps it in its per-position state and removes it when null comes back.
 */
public final class AccidentDetector<V> {

  /** Fewer stopped vehicles than this at one position is not an accident. */
  public static final int VEHICLES_FOR_ACCIDENT = 2;

  /** Vehicle {@code vehicle} has become stopped at the position whose state is {@code previous}. */
  public AccidentUpdate<V> stopped(StoppedVehicles<V> previous, V vehicle) {
    Objects.requireNonNull(vehicle, "vehicle");
    if (previous == null) {
      return new AccidentUpdate<>(new StoppedVehicles<>(List.of(vehicle), false), AccidentUpdate.Change.NONE);
    }
    if (previous.vehicles().contains(vehicle)) {
      return new AccidentUpdate<>(previous, AccidentUpdate.Change.NONE);
    }
    List<V> vehicles = new ArrayList<>(previous.vehicles());
    vehicles.add(vehicle);
    boolean accident = vehicles.size() >= VEHICLES_FOR_ACCIDENT;
    AccidentUpdate.Change change = accident && !previous.accident()
        ? AccidentUpdate.Change.DETECTED : AccidentUpdate.Change.NONE;
    return new AccidentUpdate<>(new StoppedVehicles<>(vehicles, accident), change);
  }

  /** Vehicle {@code vehicle}, stopped at the position whose state is {@code previous}, has moved on. */
  public AccidentUpdate<V> resumed(StoppedVehicles<V> previous, V vehicle) {
    Objects.requireNonNull(vehicle, "vehicle");
    if (previous == null || !previous.vehicles().contains(vehicle)) {
      return new AccidentUpdate<>(previous, AccidentUpdate.Change.NONE);
    }
    List<V> vehicles = new ArrayList<>(previous.vehicles());
    vehicles.remove(vehicle);
    boolean accident = vehicles.size() >= VEHICLES_FOR_ACCIDENT;
    AccidentUpdate.Change change = previous.accident() && !accident
        ? AccidentUpdate.Change.CLEARED : AccidentUpdate.Change.NONE;
    StoppedVehicles<V> state = vehicles.isEmpty() ? null : new StoppedVehicles<>(vehicles, accident);
    return new AccidentUpdate<>(state, change);
  }
}
