package io.roadstream.pipeline.linearroad;

import io.roadstream.core.incident.StoppedVehicles;
import io.roadstream.core.linearroad.ExpresswayState;
import io.roadstream.core.linearroad.LanePosition;
import io.roadstream.core.linearroad.SegmentAccident;
import io.roadstream.core.linearroad.SegmentMinute;
import io.roadstream.core.linearroad.VehicleState;
import org.apache.flink.api.common.state.MapState;

/**
 * {@link ExpresswayState} over the four {@link MapState}s of {@link ExpresswayDirectionFunction}, scoped by Flink
 * to the current key (xway, dir). Segment minutes are keyed by
 * {@link SegmentMinute#key}.
 */
final class MapStateExpresswayState implements ExpresswayState {

  private final MapState<Integer, VehicleState> vehicles;
  private final MapState<Long, SegmentMinute> segmentMinutes;
  private final MapState<LanePosition, StoppedCars> stopped;
  private final MapState<Integer, SegmentAccident> accidents;

  MapStateExpresswayState(MapState<Integer, VehicleState> vehicles, MapState<Long, SegmentMinute> segmentMinutes,
      MapState<LanePosition, StoppedCars> stopped, MapState<Integer, SegmentAccident> accidents) {
    this.vehicles = vehicles;
    this.segmentMinutes = segmentMinutes;
    this.stopped = stopped;
    this.accidents = accidents;
  }

  @Override
  public VehicleState vehicle(int vid) {
    return get(vehicles, vid);
  }

  @Override
  public void putVehicle(int vid, VehicleState state) {
    put(vehicles, vid, state);
  }

  @Override
  public SegmentMinute segmentMinute(int seg, int minute) {
    return get(segmentMinutes, SegmentMinute.key(seg, minute));
  }

  @Override
  public void putSegmentMinute(int seg, int minute, SegmentMinute stats) {
    put(segmentMinutes, SegmentMinute.key(seg, minute), stats);
  }

  @Override
  public StoppedVehicles<Integer> stoppedVehicles(LanePosition position) {
    StoppedCars cars = get(stopped, position);
    return cars == null ? null : cars.toStoppedVehicles();
  }

  @Override
  public void putStoppedVehicles(LanePosition position, StoppedVehicles<Integer> vehicles) {
    put(stopped, position, StoppedCars.of(vehicles));
  }

  @Override
  public SegmentAccident accident(int seg) {
    return get(accidents, seg);
  }

  @Override
  public void putAccident(int seg, SegmentAccident accident) {
    put(accidents, seg, accident);
  }

  // MapState declares Exception; the interface is core's and cannot, and a state backend failure ends the task anyway
  private static <K, V> V get(MapState<K, V> state, K key) {
    try {
      return state.get(key);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read state entry " + key, e);
    }
  }

  private static <K, V> void put(MapState<K, V> state, K key, V value) {
    try {
      if (value == null) {
        state.remove(key);
      } else {
        state.put(key, value);
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot write state entry " + key, e);
    }
  }
}
