package io.roadstream.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.event.Alert;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.IncidentType;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.core.network.Segment;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled scenario through all of core's incident rules, as the pipeline chains them ({@link ScenarioIncidents}):
 * the probes' stopped vehicles and accidents, the California tests on every motorway station pair, the correlator
 * that makes one incident of them, and the alerts for it. The collision on M1-E-07 (two cars stop at 600 m at 07:10, two of three
 * lanes closed until 07:40) must be one incident, found fast, confirmed, cleared after the lanes reopen, and the
 * only incident of the morning.
 */
class MorningPeakIncidentTest {

  private static final RoadNetwork NETWORK = new RoadNetworkLoader().load("metroville");
  private static final Instant START = Instant.parse("2026-11-26T06:45:00Z");
  private static final long CRASH = Instant.parse("2026-11-26T07:10:00Z").toEpochMilli();
  private static final long REOPENED = Instant.parse("2026-11-26T07:40:00Z").toEpochMilli();
  private static final Instant END = Instant.parse("2026-11-26T08:15:00Z");
  private static final double ALERT_DISTANCE_M = 2000;
  private static List<Incident> INCIDENTS;
  private static List<Alert> ALERTS;
  private static int stoppedVehicles;

  @BeforeAll
  static void runTheMorning() {
    ScenarioIncidents.Result morning = ScenarioIncidents.run(NETWORK, "morning-peak", 11, START, END,
        ALERT_DISTANCE_M);
    INCIDENTS = morning.incidents();
    ALERTS = morning.alerts();
    stoppedVehicles = morning.stoppedVehicles();
  }

  @Test
  void queuedTrafficIsNotMistakenForStoppedVehicles() {
    // only the two crashed cars ever stand still for four reports at one place; the queue behind them crawls
    assertThat(stoppedVehicles).isEqualTo(2);
  }

  @Test
  void theCollisionIsOneIncidentTheOnlyOneOfTheMorning() {
    assertThat(INCIDENTS).isNotEmpty();
    assertThat(INCIDENTS).extracting(Incident::incidentId).containsOnly(INCIDENTS.get(0).incidentId());
    assertThat(INCIDENTS).extracting(Incident::type)
        .containsExactly(IncidentType.DETECTED, IncidentType.CONFIRMED, IncidentType.CLEARED);
    assertThat(INCIDENTS).allSatisfy(i -> assertThat(i.segmentId()).isEqualTo("M1-E-07"));
  }

  @Test
  void itIsDetectedWithinTwoMinutesOfTheCarsStoppingAndConfirmedSoonAfter() {
    Incident detected = INCIDENTS.get(0);
    assertThat(detected.time()).isBetween(CRASH, CRASH + 120_000);
    assertThat(detected.kind()).isEqualTo("accident");
    Incident confirmed = INCIDENTS.get(1);
    // detected + at most the 60 s of persistence; sooner when the detector pair sees it too
    assertThat(confirmed.time()).isBetween(detected.time(), detected.time() + 60_000);
  }

  @Test
  void itClearsOnceTheCarsAreGone() {
    Incident cleared = INCIDENTS.get(2);
    // the cars leave at 07:40; a detector pair still sees the queue discharge for a few intervals
    assertThat(cleared.time()).isBetween(REOPENED, REOPENED + 10 * 60_000);
  }

  @Test
  void driversOnExactlyTheSegmentsWithin2KmUpstreamAreAlertedAndLaterToldItCleared() {
    Incident detected = INCIDENTS.get(0);
    Set<String> upstream = upstreamWithin(detected.segmentId(), detected.offsetM(), ALERT_DISTANCE_M);

    assertThat(ALERTS).filteredOn(a -> a.type().equals(Alert.ISSUED)).extracting(Alert::segmentId)
        .containsExactlyInAnyOrderElementsOf(upstream);
    assertThat(ALERTS).filteredOn(a -> a.type().equals(Alert.WITHDRAWN)).extracting(Alert::segmentId)
        .containsExactlyInAnyOrderElementsOf(upstream);
    assertThat(upstream).contains("M1-E-07", "M1-E-06", "M1-E-05").doesNotContain("M1-E-08", "M1-W-07");
  }

  /**
   * The segment of the place and every segment that leads to it with some part of it within {@code metres} of the
   * place, along the links; computed here by hand, independently of the alert planner.
   */
  private static Set<String> upstreamWithin(String segment, double offsetM, double metres) {
    Map<String, Double> startToPlace = new HashMap<>(Map.of(segment, offsetM));
    ArrayDeque<String> todo = new ArrayDeque<>(List.of(segment));
    while (!todo.isEmpty()) {
      String id = todo.poll();
      for (Segment up : NETWORK.upstreamOf(id)) {
        double endToPlace = startToPlace.get(id);
        double start = endToPlace + up.lengthM();
        if (endToPlace < metres && start < startToPlace.getOrDefault(up.id(), Double.MAX_VALUE)) {
          startToPlace.put(up.id(), start);
          todo.add(up.id());
        }
      }
    }
    return startToPlace.keySet();
  }
}
