package io.roadstream.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.Detector;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TrafficSimulationTest {

  private static final RoadNetwork METROVILLE = new RoadNetworkLoader().load(RoadNetworkLoader.METROVILLE);
  private static final Instant SEVEN_AM = Instant.parse("2026-11-27T07:00:00Z");
  private static final Scenario STEADY = new Scenario("steady", LocalTime.of(7, 0), Duration.ofHours(1), 0,
      List.of(new DemandPoint(LocalTime.of(7, 0), 1.0)), List.of());

  private static SimulationSettings settings() {
    return SimulationSettings.defaults(SEVEN_AM).withWarmUp(Duration.ofMinutes(5));
  }

  private static RecordingListener run(Scenario scenario, SimulationSettings settings, Duration length) {
    TrafficSimulation simulation = new TrafficSimulation(METROVILLE, scenario, settings);
    RecordingListener listener = new RecordingListener();
    simulation.advanceTo(settings.start().plus(length).toEpochMilli(), listener);
    return listener;
  }

  @Test
  void sameSeedAndSettingsGiveTheSameEvents() {
    RecordingListener first = run(STEADY, settings(), Duration.ofMinutes(10));
    RecordingListener second = run(STEADY, settings(), Duration.ofMinutes(10));
    RecordingListener otherSeed = run(STEADY, settings().withSeed(7), Duration.ofMinutes(10));

    assertThat(first.events).hasSizeGreaterThan(1000).isEqualTo(second.events);
    assertThat(otherSeed.events).isNotEqualTo(first.events);
  }

  @Test
  void emitsEventsInNonDecreasingTimeFromTheStartOn() {
    RecordingListener events = run(STEADY, settings(), Duration.ofMinutes(10));

    for (int i = 1; i < events.events.size(); i++) {
      assertThat(RecordingListener.time(events.events.get(i)))
          .as("event %d", i).isGreaterThanOrEqualTo(RecordingListener.time(events.events.get(i - 1)));
    }
    assertThat(RecordingListener.time(events.events.get(0))).isGreaterThanOrEqualTo(SEVEN_AM.toEpochMilli());
  }

  @Test
  void everyDetectorReportsEveryAlignedInterval() {
    RecordingListener events = run(STEADY, settings().withDetectorIntervalS(60), Duration.ofMinutes(10));

    assertThat(events.readings).hasSize(METROVILLE.detectors().size() * 10);
    assertThat(events.readings).allSatisfy(r -> {
      assertThat(r.time() % 60_000).isZero();
      assertThat(r.intervalSeconds()).isEqualTo(60);
      assertThat(r.occupancy()).isBetween(0.0, 1.0);
      assertThat(r.avgSpeedKmh() == null).isEqualTo(r.vehicleCount() == 0);
    });
    assertThat(events.readings.stream().mapToInt(SensorReading::vehicleCount).sum()).isGreaterThan(1000);
  }

  @Test
  void detectorCountsMatchTheVehiclesThatCrossedThem() {
    Duration length = Duration.ofMinutes(10);
    RecordingListener events = run(STEADY, settings().withProbeIntervalS(1), length);
    long lastReport = events.positions.get(events.positions.size() - 1).time();

    // replay each vehicle's second-by-second track and count detector crossings per (detector, interval)
    Map<String, List<Detector>> detectorsBySegment = METROVILLE.detectors().stream()
        .collect(Collectors.groupingBy(Detector::segmentId));
    Map<String, List<ProbePosition>> tracks = events.positions.stream()
        .collect(Collectors.groupingBy(ProbePosition::vehicleId));
    Map<String, Integer> crossings = new HashMap<>();
    tracks.values().forEach(track -> {
      for (int i = 0; i < track.size(); i++) {
        ProbePosition at = track.get(i);
        ProbePosition next = i + 1 < track.size() ? track.get(i + 1) : null;
        if (next == null && at.time() == lastReport) {
          continue; // still on the road when the run ended
        }
        double to = next != null && next.segmentId().equals(at.segmentId()) ? next.offsetM() : Double.MAX_VALUE;
        for (Detector d : detectorsBySegment.getOrDefault(at.segmentId(), List.of())) {
          if (at.offsetM() < d.offsetM() && d.offsetM() <= to) {
            crossings.merge(d.id() + "@" + at.time() / 30_000 * 30_000, 1, Integer::sum);
          }
        }
      }
    });

    Map<String, Integer> counted = events.readings.stream().filter(r -> r.vehicleCount() > 0)
        .collect(Collectors.toMap(r -> r.sensorId() + "@" + r.time(), SensorReading::vehicleCount));
    // moves in the very last second have no later report to see them by
    String lastInterval = "@" + (lastReport / 30_000 * 30_000);
    counted.keySet().removeIf(k -> k.endsWith(lastInterval));
    crossings.keySet().removeIf(k -> k.endsWith(lastInterval));
    Map<String, String> differences = new java.util.TreeMap<>();
    counted.forEach((k, v) -> { if (!v.equals(crossings.get(k))) differences.put(k, v + " vs " + crossings.get(k)); });
    crossings.forEach((k, v) -> { if (!counted.containsKey(k)) differences.put(k, "null vs " + v); });
    assertThat(differences).as("detector count vs crossings seen in the tracks").isEmpty();
    assertThat(counted).hasSizeGreaterThan(100).isEqualTo(crossings);
  }

  @Test
  void everyVehicleReportsAtItsProbeInterval() {
    RecordingListener events = run(STEADY, settings().withProbeIntervalS(10), Duration.ofMinutes(5));

    Map<String, List<ProbePosition>> tracks = events.positions.stream()
        .collect(Collectors.groupingBy(ProbePosition::vehicleId));
    assertThat(tracks).hasSizeGreaterThan(300);
    tracks.values().forEach(track -> {
      for (int i = 1; i < track.size(); i++) {
        assertThat(track.get(i).time() - track.get(i - 1).time()).isEqualTo(10_000);
      }
    });
    assertThat(events.positions).allSatisfy(p -> {
      assertThat(p.hasCoordinates()).isTrue();
      assertThat(p.speedKmh()).isBetween(0.0, 130.0);
      assertThat(p.lane()).isPositive();
      assertThat(METROVILLE.requireSegment(p.segmentId()).pointAt(p.offsetM()).distanceTo(
          new io.roadstream.core.network.LonLat(p.lon(), p.lat()))).isLessThan(1.0);
    });
  }

  @Test
  void stoppedVehiclesOfAnIncidentReportSpeedZeroAtItsPlaceWhileItLasts() {
    Scenario crash = new Scenario("crash", LocalTime.of(7, 0), Duration.ofHours(1), 0, STEADY.demand(),
        List.of(new ScenarioIncident("M1-E-07", 600, LocalTime.of(7, 2), LocalTime.of(7, 4), 2, 2)));
    RecordingListener events = run(crash, settings(), Duration.ofMinutes(6));

    List<ProbePosition> stopped = events.positions.stream().filter(p -> p.vehicleId().startsWith("stopped-")).toList();
    assertThat(stopped).extracting(ProbePosition::vehicleId).containsOnly("stopped-1-1", "stopped-1-2");
    assertThat(stopped).hasSize(2 * 12).allSatisfy(p -> {
      assertThat(p.speedKmh()).isZero();
      assertThat(p.segmentId()).isEqualTo("M1-E-07");
      assertThat(p.offsetM()).isEqualTo(600.0);
      assertThat(p.time()).isBetween(SEVEN_AM.plusSeconds(120).toEpochMilli(), SEVEN_AM.plusSeconds(239).toEpochMilli());
    });
  }

  @Test
  void aLaneClosureQueuesTrafficBeforeItAndLetsThroughWhatTheHcmLeavesOpen() {
    Scenario crash = new Scenario("crash", LocalTime.of(7, 0), Duration.ofHours(1), 0, STEADY.demand(),
        List.of(new ScenarioIncident("M1-E-07", 600, LocalTime.of(7, 2), LocalTime.of(7, 30), 2, 0)));
    RecordingListener events = run(crash, settings(), Duration.ofMinutes(12));
    long from = SEVEN_AM.plusSeconds(7 * 60).toEpochMilli();

    List<ProbePosition> onIt = events.positions.stream()
        .filter(p -> p.segmentId().equals("M1-E-07") && p.time() >= from).toList();
    assertThat(meanSpeed(onIt.stream().filter(p -> p.offsetM() < 600).toList())).as("queued before").isLessThan(20);
    assertThat(meanSpeed(onIt.stream().filter(p -> p.offsetM() > 600).toList())).as("free beyond").isGreaterThan(80);
    // two of three lanes blocked: 17 % of 3 × 2200 veh/h get past (HCM 2010 Exhibit 10-17)
    List<SensorReading> beyond = events.readings.stream()
        .filter(r -> r.sensorId().equals("D-M1-E-08") && r.time() >= from).toList();
    double flow = beyond.stream().mapToInt(SensorReading::vehicleCount).sum() * 3600.0
        / beyond.stream().mapToInt(SensorReading::intervalSeconds).sum();
    assertThat(flow).isBetween(0.6 * 1122, 1122.0);
  }

  private static double meanSpeed(List<ProbePosition> positions) {
    assertThat(positions).hasSizeGreaterThan(20);
    return positions.stream().mapToDouble(ProbePosition::speedKmh).average().orElseThrow();
  }

  @Test
  void demandScalesTheNumberOfVehicles() {
    TrafficSimulation full = new TrafficSimulation(METROVILLE, STEADY, settings());
    TrafficSimulation half = new TrafficSimulation(METROVILLE, STEADY, settings().withDemandScale(0.5));
    full.advanceTo(SEVEN_AM.toEpochMilli(), new RecordingListener());
    half.advanceTo(SEVEN_AM.toEpochMilli(), new RecordingListener());

    assertThat(full.vehicleCount()).isGreaterThan(300);
    assertThat((double) half.vehicleCount()).isBetween(full.vehicleCount() * 0.35, full.vehicleCount() * 0.65);
  }

  @Test
  void rejectsAnIncidentOnAnUnknownSegmentNamingTheField() {
    Scenario bad = new Scenario("bad", LocalTime.of(7, 0), Duration.ofHours(1), 0, STEADY.demand(),
        List.of(new ScenarioIncident("M9-X-01", 10, LocalTime.of(7, 2), LocalTime.of(7, 4), 1, 0)));

    assertThatThrownBy(() -> new TrafficSimulation(METROVILLE, bad, settings()))
        .isInstanceOf(ScenarioFormatException.class)
        .hasMessageContaining("incidents[0].segmentId").hasMessageContaining("M9-X-01");
  }
}
