package io.roadstream.core.linearroad;

import io.roadstream.core.incident.StoppedVehicles;
import java.util.HashMap;
import java.util.Map;

/** {@link ExpresswayState} in hash maps, for sequential runs and tests. Not thread-safe. */
public final class InMemoryExpresswayState implements ExpresswayState {

  private final Map<Integer, VehicleState> vehicles = new HashMap<>();
  private final Map<Long, SegmentMinute> segmentMinutes = new HashMap<>();
  private final Map<LanePosition, StoppedVehicles<Integer>> stopped = new HashMap<>();
  private final Map<Integer, SegmentAccident> accidents = new HashMap<>();

  @Override
  public VehicleState vehicle(int vid) {
    return vehicles.get(vid);
  }

  @Override
  public void putVehicle(int vid, VehicleState state) {
    put(vehicles, vid, state);
  }

  @Override
  public SegmentMinute segmentMinute(int seg, int minute) {
    return segmentMinutes.get(SegmentMinute.key(seg, minute));
  }

  @Override
  public void putSegmentMinute(int seg, int minute, SegmentMinute stats) {
    put(segmentMinutes, SegmentMinute.key(seg, minute), stats);
  }

  @Override
  public StoppedVehicles<Integer> stoppedVehicles(LanePosition position) {
    return stopped.get(position);
  }

  @Override
  public void putStoppedVehicles(LanePosition position, StoppedVehicles<Integer> vehicles) {
    put(stopped, position, vehicles);
  }

  @Override
  public SegmentAccident accident(int seg) {
    return accidents.get(seg);
  }

  @Override
  public void putAccident(int seg, SegmentAccident accident) {
    put(accidents, seg, accident);
  }

  /** Segment-minute entries held: lets a test check that old minutes are dropped. */
  public int segmentMinuteCount() {
    return segmentMinutes.size();
  }

  private static <K, V> void put(Map<K, V> map, K key, V value) {
    if (value == null) {
      map.remove(key);
    } else {
      map.put(key, value);
    }
  }
}
