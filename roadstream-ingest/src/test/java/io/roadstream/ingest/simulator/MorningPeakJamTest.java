package io.roadstream.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.congestion.CongestionEventType;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #3's "done when" on the bundled scenario, through core's detection without Kafka or Flink: the jam opens
 * within 3 windows of the capacity drop and clears within 3 windows of its end. The capacity drop is the scenario's
 * (two of three lanes of M1-E-07 closed at 07:10, reopened at 07:40); the end is the simulation's own, from its
 * vehicles, not from its detectors or probes (see {@link MorningPeakRun#congestionEnd}).
 */
class MorningPeakJamTest {

  private static final RoadNetwork NETWORK = new RoadNetworkLoader().load(RoadNetworkLoader.METROVILLE);
  private static final long SEED = 11;
  private static final Instant START = Instant.parse("2026-11-26T06:45:00Z");
  private static final long CAPACITY_DROP = Instant.parse("2026-11-26T07:10:00Z").toEpochMilli();
  private static final long REOPENED = Instant.parse("2026-11-26T07:40:00Z").toEpochMilli();
  private static final long WINDOW = MorningPeakRun.MINUTE;
  private static final String ACCIDENT_SEGMENT = "M1-E-07";

  private static MorningPeakRun run;

  @BeforeAll
  static void runTheMorning() {
    run = MorningPeakRun.simulate(NETWORK, SEED, START, Instant.parse("2026-11-26T08:40:00Z"));
  }

  /** Events of the jam that holds the accident segment; there must be exactly one. */
  private static List<CongestionEvent> accidentJam() {
    Set<String> ids = run.events.stream().filter(e -> List.of(e.segmentIds()).contains(ACCIDENT_SEGMENT))
        .map(CongestionEvent::jamId).collect(Collectors.toSet());
    assertThat(ids).as("jams at the accident; all events: %s", run.events).hasSize(1);
    return run.events.stream().filter(e -> ids.contains(e.jamId())).toList();
  }

  private static CongestionEvent first(CongestionEventType type) {
    return accidentJam().stream().filter(e -> e.type() == type).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " event of the accident jam: " + accidentJam()));
  }

  @Test
  void theJamOpensAtTheAccidentWithinThreeWindowsOfTheCapacityDrop() {
    CongestionEvent opened = first(CongestionEventType.OPENED);

    assertThat(opened.headSegmentId()).isEqualTo(ACCIDENT_SEGMENT);
    // two congested windows are needed, so two windows after the drop is the earliest possible
    assertThat(opened.time()).isBetween(CAPACITY_DROP + 2 * WINDOW, CAPACITY_DROP + 3 * WINDOW);
  }

  @Test
  void theJamClearsWithinThreeWindowsOfTheTrueEndOfCongestion() {
    Set<String> segments = accidentJam().stream().flatMap(e -> List.of(e.segmentIds()).stream())
        .collect(Collectors.toCollection(TreeSet::new));
    long trueEnd = run.congestionEnd(segments, REOPENED)
        .orElseThrow(() -> new AssertionError("the simulation is still congested at its end on " + segments));
    CongestionEvent cleared = first(CongestionEventType.CLEARED);

    // the queue outlives the closure: it takes time to discharge
    assertThat(trueEnd).as("true end of congestion on %s", segments).isGreaterThan(REOPENED + 10 * WINDOW);
    // three good windows are needed, so three windows after the true end is the latest an honest detection can be
    assertThat(cleared.time()).as("cleared; true end of congestion %s", Instant.ofEpochMilli(trueEnd))
        .isBetween(trueEnd, trueEnd + 3 * WINDOW);
  }

  @Test
  void theQueueGrowsUpstreamOfTheAccidentAlongTheMotorway() {
    CongestionEvent beforeReopening = accidentJam().stream().filter(e -> e.time() <= REOPENED)
        .reduce((a, b) -> b).orElseThrow();

    assertThat(beforeReopening.headSegmentId()).isEqualTo(ACCIDENT_SEGMENT);
    assertThat(beforeReopening.segmentIds()).contains("M1-E-07", "M1-E-06", "M1-E-05")
        .allSatisfy(id -> assertThat(upstreamWithin(ACCIDENT_SEGMENT, 8.0)).contains(id))
        // every segment the jam holds had a queue in the simulation in the last minute of the closure
        .allSatisfy(id -> assertThat(run.congestedInTruth(id, REOPENED - WINDOW)).as(id).isTrue());
    assertThat(beforeReopening.lengthKm()).isGreaterThan(2.5);
  }

  @Test
  void onlyTheAccidentJamsTheMotorwayAndNothingJoinsItsJam() {
    String accidentJamId = accidentJam().get(0).jamId();

    assertThat(run.events).filteredOn(e -> List.of(e.segmentIds()).stream().anyMatch(id -> id.startsWith("M1-")))
        .allSatisfy(e -> assertThat(e.jamId()).isEqualTo(accidentJamId));
    assertThat(accidentJam()).allSatisfy(e -> assertThat(e.segmentIds()).allMatch(id -> id.startsWith("M1-E-")));
  }

  @Test
  void nothingElseIsJammedForLong() {
    Map<String, List<CongestionEvent>> others = run.events.stream()
        .filter(e -> !e.jamId().equals(accidentJam().get(0).jamId()))
        .collect(Collectors.groupingBy(CongestionEvent::jamId));

    others.forEach((id, events) -> assertThat(events.get(events.size() - 1).time() - events.get(0).openedAt())
        .as("jam %s: %s", id, events).isLessThanOrEqualTo(5 * WINDOW));
    assertThat(run.events).as("no jam before the accident").allMatch(e -> e.openedAt() > CAPACITY_DROP);
  }

  @Test
  void theWestboundCarriagewayHasNoJam() {
    assertThat(run.events).noneMatch(e -> List.of(e.segmentIds()).stream().anyMatch(id -> id.startsWith("M1-W-")));
  }

  /** The segment and every segment that flows into it within {@code km}, by the network's links. */
  private static Set<String> upstreamWithin(String segment, double km) {
    Map<String, Double> distance = new HashMap<>(Map.of(segment, 0.0));
    ArrayDeque<String> todo = new ArrayDeque<>(List.of(segment));
    while (!todo.isEmpty()) {
      String id = todo.poll();
      for (var up : NETWORK.upstreamOf(id)) {
        double d = distance.get(id) + up.lengthKm();
        if (d <= km && d < distance.getOrDefault(up.id(), Double.MAX_VALUE)) {
          distance.put(up.id(), d);
          todo.add(up.id());
        }
      }
    }
    return distance.keySet();
  }
}
