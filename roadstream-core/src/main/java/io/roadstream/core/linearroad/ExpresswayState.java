package io.roadstream.core.linearroad;

import io.roadstream.core.incident.StoppedVehicles;

/**
 * The state of one expressway-direction (xway, dir), as four maps that {@link ExpresswayDirectionProcessor} reads and
 * writes. {@link InMemoryExpresswayState} keeps them in hash maps; a Flink operator keyed by (xway, dir) implements
 * this over four {@code MapState}s. Getters return null for an absent entry; putting null removes it.
 */
public interface ExpresswayState {

  VehicleState vehicle(int vid);

  void putVehicle(int vid, VehicleState state);

  SegmentMinute segmentMinute(int seg, int minute);

  void putSegmentMinute(int seg, int minute, SegmentMinute stats);

  StoppedVehicles<Integer> stoppedVehicles(LanePosition position);

  void putStoppedVehicles(LanePosition position, StoppedVehicles<Integer> stopped);

  SegmentAccident accident(int seg);

  void putAccident(int seg, SegmentAccident accident);
}
