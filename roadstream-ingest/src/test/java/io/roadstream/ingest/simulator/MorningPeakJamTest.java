package io.roadstream.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.congestion.CongestionEventType;
import io.roadstream.core.congestion.JamAssembler;
import io.roadstream.core.congestion.JamBoard;
import io.roadstream.core.congestion.JamSettings;
import io.roadstream.core.congestion.SegmentCongestion;
import io.roadstream.core.congestion.SegmentCongestionTracker;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.core.traffic.SegmentObservations;
import io.roadstream.core.traffic.SegmentStatsCalculator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled scenario through core's detection, without Kafka or Flink: the simulator's events become one-minute
 * segment statistics, the statistics become jams. The accident on M1-E-07 blocks two of three lanes from 07:10 to
 * 07:40.
 */
class MorningPeakJamTest {

  private static final RoadNetwork NETWORK = new RoadNetworkLoader().load("metroville");
  private static final Instant START = Instant.parse("2026-11-26T06:45:00Z");
  private static final long ACCIDENT = Instant.parse("2026-11-26T07:10:00Z").toEpochMilli();
  private static final long REOPENED = Instant.parse("2026-11-26T07:40:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;
  private static final List<CongestionEvent> EVENTS = new ArrayList<>();

  @BeforeAll
  static void runTheMorning() {
    Map<Long, Map<String, SegmentObservations>> windows = new TreeMap<>();
    TrafficSimulation simulation = new TrafficSimulation(NETWORK, new ScenarioLoader().load("morning-peak"),
        SimulationSettings.defaults(START).withSeed(11));
    simulation.advanceTo(Instant.parse("2026-11-26T08:30:00Z").toEpochMilli(), new SimulationListener() {
      @Override
      public void onReading(SensorReading r) {
        observations(r.time(), NETWORK.detector(r.sensorId()).orElseThrow().segmentId()).add(r);
      }

      @Override
      public void onPosition(ProbePosition p) {
        observations(p.time(), p.segmentId()).add(p);
      }

      private SegmentObservations observations(long time, String segment) {
        return windows.computeIfAbsent(time - time % MINUTE, k -> new HashMap<>())
            .computeIfAbsent(segment, k -> new SegmentObservations());
      }
    });
    SegmentCongestionTracker tracker = new SegmentCongestionTracker(JamSettings.DEFAULT);
    JamAssembler assembler = new JamAssembler(NETWORK);
    Map<String, SegmentCongestion> states = new HashMap<>();
    JamBoard board = JamBoard.EMPTY;
    for (var window : windows.entrySet()) {
      for (var segment : new TreeMap<>(window.getValue()).entrySet()) {
        SegmentStats stats = SegmentStatsCalculator.compute(NETWORK.requireSegment(segment.getKey()), window.getKey(),
            window.getKey() + MINUTE, segment.getValue());
        SegmentCongestionTracker.Step step = tracker.next(states.get(segment.getKey()), stats);
        states.put(segment.getKey(), step.state());
        if (step.changed()) {
          JamAssembler.Result result = assembler.apply(board, step.state().congested(), stats);
          board = result.board();
          EVENTS.addAll(result.events());
        }
      }
    }
  }

  /** Events of jams that ever held the accident segment. */
  private static List<CongestionEvent> accidentJam() {
    List<String> ids = EVENTS.stream().filter(e -> List.of(e.segmentIds()).contains("M1-E-07"))
        .map(CongestionEvent::jamId).distinct().toList();
    return EVENTS.stream().filter(e -> ids.contains(e.jamId())).toList();
  }

  /**
   * The queue reaches the accident segment's detector (mid-segment) a few minutes after the lanes close, and two
   * congested windows open the jam. Issue #3 asks for at most 3 windows after the capacity drop; the simulator's
   * queue takes 4-6 to reach the detector, see the note on the issue.
   */
  @Test
  void aJamOpensAtTheAccidentWhileTheLanesAreClosed() {
    CongestionEvent opened = accidentJam().stream().filter(e -> e.type() == CongestionEventType.OPENED)
        .findFirst().orElseThrow(() -> new AssertionError("no jam at the accident; all events: " + EVENTS));

    assertThat(opened.headSegmentId()).isEqualTo("M1-E-07");
    assertThat(opened.time()).isBetween(ACCIDENT + 2 * MINUTE, ACCIDENT + 10 * MINUTE);
  }

  @Test
  void theQueueGrowsUpstreamOfTheAccidentAlongTheMotorway() {
    CongestionEvent beforeReopening = accidentJam().stream().filter(e -> e.time() <= REOPENED)
        .reduce((a, b) -> b).orElseThrow();

    assertThat(beforeReopening.headSegmentId()).isEqualTo("M1-E-07");
    assertThat(beforeReopening.segmentIds()).contains("M1-E-07", "M1-E-06", "M1-E-05")
        .allSatisfy(id -> assertThat(upstreamWithin("M1-E-07", 8.0)).contains(id));
    assertThat(beforeReopening.lengthKm()).isGreaterThan(2.5);
  }

  /** The segment and every segment that flows into it within {@code km}, by the network's links. */
  private static java.util.Set<String> upstreamWithin(String segment, double km) {
    java.util.Map<String, Double> distance = new HashMap<>(Map.of(segment, 0.0));
    java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(segment));
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

  @Test
  void theWestboundCarriagewayHasNoJam() {
    assertThat(EVENTS).noneMatch(e -> List.of(e.segmentIds()).stream().anyMatch(id -> id.startsWith("M1-W-")));
  }
}
