package io.roadstream.ingest.simulator;

import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;

/** Receives a simulation's events, in non-decreasing event time, on the thread that advances the simulation. */
public interface SimulationListener {

  void onReading(SensorReading reading);

  void onPosition(ProbePosition position);
}
