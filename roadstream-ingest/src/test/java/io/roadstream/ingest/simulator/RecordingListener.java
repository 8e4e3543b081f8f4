package io.roadstream.ingest.simulator;

import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import java.util.ArrayList;
import java.util.List;

/** Keeps every event, in the order received. */
final class RecordingListener implements SimulationListener {

  final List<Object> events = new ArrayList<>();
  final List<SensorReading> readings = new ArrayList<>();
  final List<ProbePosition> positions = new ArrayList<>();

  @Override
  public void onReading(SensorReading reading) {
    events.add(reading);
    readings.add(reading);
  }

  @Override
  public void onPosition(ProbePosition position) {
    events.add(position);
    positions.add(position);
  }

  static long time(Object event) {
    return event instanceof SensorReading r ? r.time() : ((ProbePosition) event).time();
  }
}
