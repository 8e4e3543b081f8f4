package io.roadstream.pipeline;

import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import java.time.Instant;

/** Named instants and event builders for the pipeline tests, on the bundled metroville network. */
final class TrafficEvents {

  static final RoadNetwork NETWORK = new RoadNetworkLoader().load("metroville");
  static final long T0730 = Instant.parse("2026-11-27T07:30:00Z").toEpochMilli();
  static final long MINUTE = 60_000;

  static final String SEGMENT = "M1-E-03";
  static final String SENSOR = NETWORK.detectorsOn(SEGMENT).get(0).id();

  private TrafficEvents() {}

  static TrafficEvent reading(long time, int count, double speed, double occupancy) {
    return TrafficEvent.of(SEGMENT, new SensorReading(SENSOR, time, 30, count, speed, occupancy), "readings", 0, 0);
  }

  static TrafficEvent probe(String segment, long time, double speed) {
    return TrafficEvent.of(new ProbePosition("car-" + time, time, null, null, segment, 100.0, 1, speed, null),
        "positions", 0, 0);
  }
}
