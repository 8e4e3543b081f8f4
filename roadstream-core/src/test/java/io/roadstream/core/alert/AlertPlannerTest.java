package io.roadstream.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.congestion.CongestionEventType;
import io.roadstream.core.event.Alert;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.IncidentType;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On metroville: M1-E-05 → M1-E-06 → M1-E-07 eastbound, about 1 km each; the ring joins M1-E at M1-E-04/05. */
class AlertPlannerTest {

  private static final RoadNetwork NETWORK = new RoadNetworkLoader().load("metroville");
  private static final long T = 1_795_677_035_000L;
  private final AlertPlanner planner = new AlertPlanner(NETWORK, 2000);

  private static Incident accident(IncidentType type) {
    return new Incident("acc-1", type, "accident", "probes", T, "M1-E-07", 600, null, null,
        new String[] {"a", "b"}, "2 vehicles stopped");
  }

  @Test
  void alertsReachExactlyTheSegmentsUpstreamByTopologyWithinTheDistance() {
    List<Alert> alerts = planner.forIncident(accident(IncidentType.DETECTED));

    // computed here from the network, independently: walk upstream while the segment's end is within 2 km
    java.util.Set<String> expected = new java.util.TreeSet<>();
    java.util.Map<String, Double> distance = new java.util.HashMap<>(java.util.Map.of("M1-E-07", 600.0));
    java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of("M1-E-07"));
    while (!todo.isEmpty()) {
      String id = todo.poll();
      expected.add(id);
      if (distance.get(id) >= 2000) {
        continue;
      }
      for (String up : NETWORK.requireSegment(id).upstream()) {
        double d = distance.get(id) + NETWORK.requireSegment(up).lengthM();
        if (d < distance.getOrDefault(up, Double.MAX_VALUE)) {
          distance.put(up, d);
          todo.add(up);
        }
      }
    }
    assertThat(alerts).extracting(Alert::segmentId).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(alerts).extracting(Alert::segmentId).contains("M1-E-07", "M1-E-06", "M1-E-05")
        .noneMatch(id -> id.startsWith("M1-W-") || id.equals("M1-E-08"));
    Alert twoBack = alerts.stream().filter(a -> a.segmentId().equals("M1-E-06")).findFirst().orElseThrow();
    assertThat(twoBack.distanceM()).isCloseTo(600 + NETWORK.requireSegment("M1-E-06").lengthM(), within(1e-9));
    assertThat(twoBack.message()).startsWith("Accident 1.6 km ahead on");
    assertThat(alerts).allSatisfy(a -> assertThat(a.type()).isEqualTo(Alert.ISSUED));
  }

  @Test
  void clearingWithdrawsTheSameAlertsAndConfirmingChangesNothing() {
    List<Alert> issued = planner.forIncident(accident(IncidentType.DETECTED));
    List<Alert> withdrawn = planner.forIncident(accident(IncidentType.CLEARED));

    assertThat(withdrawn).extracting(Alert::alertId).containsExactlyElementsOf(issued.stream().map(Alert::alertId).toList());
    assertThat(withdrawn).allSatisfy(a -> assertThat(a.type()).isEqualTo(Alert.WITHDRAWN));
    assertThat(planner.forIncident(accident(IncidentType.CONFIRMED))).isEmpty();
  }

  @Test
  void aJamWarnsBehindItsTailAndAMovedTailWithdrawsWhatItNoLongerReaches() {
    SegmentStats[] none = new SegmentStats[0];
    CongestionEvent longer = new CongestionEvent("jam-1", CongestionEventType.UPDATED, T, T, "M1-E-07", "M1-E-05",
        new String[] {"M1-E-07", "M1-E-06", "M1-E-05"}, 3.0, 12.0, none);
    CongestionEvent shorter = new CongestionEvent("jam-1", CongestionEventType.UPDATED, T + 60_000, T, "M1-E-07",
        "M1-E-07", new String[] {"M1-E-07"}, 1.0, 20.0, none);

    AlertBook.Step first = AlertBook.next(null, planner.forJam(longer), T);
    AlertBook.Step second = AlertBook.next(first.alerted(), planner.forJam(shorter), T + 60_000);

    assertThat(first.alerted()).contains("M1-E-05", "M1-E-04");
    assertThat(second.alerted()).contains("M1-E-07", "M1-E-06", "M1-E-05");
    List<String> withdrawn = second.publish().stream().filter(a -> a.type().equals(Alert.WITHDRAWN))
        .map(Alert::segmentId).toList();
    assertThat(withdrawn).isNotEmpty().allSatisfy(id -> assertThat(second.alerted()).doesNotContain(id));
    assertThat(withdrawn).containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(first.alerted())
        .filter(id -> !List.of(second.alerted()).contains(id)).toList());
  }
}
