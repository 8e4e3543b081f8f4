package io.roadstream.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.incident.AccidentDetector;
import io.roadstream.core.incident.AccidentUpdate;
import io.roadstream.core.incident.ProbeStopPlace;
import io.roadstream.core.incident.StopState;
import io.roadstream.core.incident.StopTransition;
import io.roadstream.core.incident.StoppedVehicleDetector;
import io.roadstream.core.incident.StoppedVehicles;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled scenario's probe reports through core's stopped-vehicle and accident rules, as the pipeline applies
 * them: two cars stop on M1-E-07 at 07:10; the queue behind them crawls but does not stand still at one place.
 */
class MorningPeakAccidentTest {

  private static final RoadNetwork NETWORK = new RoadNetworkLoader().load("metroville");
  private static final Instant START = Instant.parse("2026-11-26T06:45:00Z");
  private static final long CRASH = Instant.parse("2026-11-26T07:10:00Z").toEpochMilli();
  private static final List<String> DETECTIONS = new ArrayList<>();
  private static final List<Long> DETECTED_AT = new ArrayList<>();
  private static int stoppedVehicles;

  @BeforeAll
  static void runTheMorning() {
    StoppedVehicleDetector<ProbeStopPlace> stops = new StoppedVehicleDetector<>(4);
    AccidentDetector<String> accidents = new AccidentDetector<>();
    Map<String, StopState<ProbeStopPlace>> vehicles = new HashMap<>();
    Map<ProbeStopPlace, StoppedVehicles<String>> places = new HashMap<>();
    new TrafficSimulation(NETWORK, new ScenarioLoader().load("morning-peak"),
        SimulationSettings.defaults(START).withSeed(11))
        .advanceTo(Instant.parse("2026-11-26T08:00:00Z").toEpochMilli(), new SimulationListener() {
          @Override
          public void onReading(SensorReading r) { }

          @Override
          public void onPosition(ProbePosition p) {
            StopTransition<ProbeStopPlace> t = stops.next(vehicles.get(p.vehicleId()), ProbeStopPlace.of(p));
            vehicles.put(p.vehicleId(), t.state());
            if (t.becameStopped()) {
              stoppedVehicles++;
              AccidentUpdate<String> u = accidents.stopped(places.get(t.stoppedAt()), p.vehicleId());
              places.put(t.stoppedAt(), u.state());
              if (u.detected()) {
                DETECTIONS.add(t.stoppedAt().segmentId());
                DETECTED_AT.add(p.time());
              }
            }
            if (t.resumed()) {
              AccidentUpdate<String> u = accidents.resumed(places.get(t.resumedFrom()), p.vehicleId());
              if (u.state() == null) {
                places.remove(t.resumedFrom());
              } else {
                places.put(t.resumedFrom(), u.state());
              }
            }
          }
        });
  }

  @Test
  void theAccidentIsDetectedWithinTwoMinutesOfTheCarsStopping() {
    assertThat(DETECTIONS).containsExactly("M1-E-07");
    assertThat(DETECTED_AT.get(0)).isBetween(CRASH, CRASH + 120_000);
  }

  @Test
  void queuedTrafficIsNotMistakenForStoppedVehicles() {
    // only the two crashed cars ever stand still for four reports at one place
    assertThat(stoppedVehicles).isEqualTo(2);
  }
}
