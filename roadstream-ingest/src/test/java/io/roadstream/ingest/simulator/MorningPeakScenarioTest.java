package io.roadstream.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled demo scenario does what the demo promises: a jam grows behind the accident and dissolves after it. */
class MorningPeakScenarioTest {

  private static final Instant START = Instant.parse("2026-11-27T06:45:00Z");
  private static final Instant ACCIDENT = Instant.parse("2026-11-27T07:10:00Z");
  private static final Instant CLEARED = Instant.parse("2026-11-27T07:40:00Z");
  private static final List<String> UPSTREAM = List.of("D-M1-E-04", "D-M1-E-05", "D-M1-E-06");

  private static RecordingListener events;
  private static TrafficSimulation simulation;
  private static int peakVehicles;

  @BeforeAll
  static void runTheWholeScenario() {
    RoadNetwork network = new RoadNetworkLoader().load(RoadNetworkLoader.METROVILLE);
    Scenario scenario = new ScenarioLoader().load(ScenarioLoader.MORNING_PEAK);
    // positions are not what this test looks at; fewer of them keep it fast
    simulation = new TrafficSimulation(network, scenario, SimulationSettings.defaults(START).withProbeIntervalS(60));
    events = new RecordingListener();
    for (Instant t = START; !t.isAfter(simulation.scenarioEnd()); t = t.plusSeconds(300)) {
      simulation.advanceTo(t.toEpochMilli(), events);
      peakVehicles = Math.max(peakVehicles, simulation.vehicleCount());
    }
  }

  @Test
  void trafficFlowsFreelyBeforeTheAccident() {
    for (String detector : UPSTREAM) {
      assertThat(meanSpeed(detector, START.plusSeconds(600), ACCIDENT)).as(detector).isGreaterThan(80);
    }
  }

  @Test
  void aJamFormsUpstreamOfTheAccidentWhileItLasts() {
    long jammed = UPSTREAM.stream()
        .filter(d -> meanSpeed(d, CLEARED.minusSeconds(600), CLEARED) < 30)
        .count();
    assertThat(jammed).as("detectors upstream of M1-E-07 below 30 km/h in the last 10 minutes of the accident")
        .isGreaterThanOrEqualTo(2);
    assertThat(meanOccupancy("D-M1-E-06", CLEARED.minusSeconds(600), CLEARED)).isGreaterThan(0.3);
  }

  @Test
  void theOppositeCarriagewayIsNotAffected() {
    assertThat(meanSpeed("D-M1-W-06", ACCIDENT, CLEARED)).isGreaterThan(80);
  }

  @Test
  void speedsRecoverAfterTheAccidentIsCleared() {
    Instant later = CLEARED.plusSeconds(30 * 60);
    for (String detector : UPSTREAM) {
      assertThat(meanSpeed(detector, later, later.plusSeconds(600))).as(detector).isGreaterThan(80);
    }
  }

  @Test
  void theNetworkHoldsADemoSizedCrowdAtThePeak() {
    assertThat(peakVehicles).isBetween(1500, 4000);
  }

  private static double meanSpeed(String detector, Instant from, Instant to) {
    List<SensorReading> readings = window(detector, from, to);
    double vehicles = readings.stream().mapToInt(SensorReading::vehicleCount).sum();
    double speedSum = readings.stream().filter(r -> r.avgSpeedKmh() != null)
        .mapToDouble(r -> r.avgSpeedKmh() * r.vehicleCount()).sum();
    return vehicles == 0 ? 0 : speedSum / vehicles;
  }

  private static double meanOccupancy(String detector, Instant from, Instant to) {
    OptionalDouble mean = window(detector, from, to).stream().mapToDouble(SensorReading::occupancy).average();
    return mean.orElse(0);
  }

  private static List<SensorReading> window(String detector, Instant from, Instant to) {
    List<SensorReading> readings = events.readings.stream()
        .filter(r -> r.sensorId().equals(detector))
        .filter(r -> r.time() >= from.toEpochMilli() && r.time() < to.toEpochMilli())
        .toList();
    assertThat(readings).as("readings of %s from %s to %s", detector, from, to).isNotEmpty();
    return readings;
  }
}
