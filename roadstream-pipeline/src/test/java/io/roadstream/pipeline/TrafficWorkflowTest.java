package io.roadstream.pipeline;

import static io.roadstream.pipeline.TrafficEvents.MINUTE;
import static io.roadstream.pipeline.TrafficEvents.NETWORK;
import static io.roadstream.pipeline.TrafficEvents.SEGMENT;
import static io.roadstream.pipeline.TrafficEvents.SENSOR;
import static io.roadstream.pipeline.TrafficEvents.T0730;
import static io.roadstream.pipeline.TrafficEvents.probe;
import static io.roadstream.pipeline.TrafficEvents.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.congestion.CongestionEventType;
import io.roadstream.core.congestion.JamAssembler;
import io.roadstream.core.congestion.JamBoard;
import io.roadstream.core.congestion.JamSettings;
import io.roadstream.core.congestion.SegmentCongestion;
import io.roadstream.core.congestion.SegmentCongestionTracker;
import io.roadstream.core.codec.TrafficEventDecoder;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.traffic.SegmentObservations;
import io.roadstream.core.traffic.SegmentStatsCalculator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import io.roadstream.testkit.StatsAssertions;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole workflow on a Flink MiniCluster at parallelism 2, with a bounded source. */
class TrafficWorkflowTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @Test
  void computesEveryWindowOfEverySegmentAndParksBadRecords() throws Exception {
    Random random = new Random(7);
    List<TrafficEvent> events = new ArrayList<>();
    List<String> segments = List.of(SEGMENT, "M1-E-04", "M1-W-02");
    for (long t = T0730; t < T0730 + 9 * MINUTE; t += 10_000) {
      // M1-E-03 breaks down in minutes 1 to 4 (slow, dense: LOS F) and flows freely before and after
      boolean breakdown = t >= T0730 + MINUTE && t < T0730 + 5 * MINUTE;
      if (t % 30_000 == 0) { // the detector reports once per 30-second interval
        events.add(breakdown
            ? reading(t, 25 + random.nextInt(5), 8 + random.nextInt(5), 0.5 + random.nextDouble() * 0.3)
            : reading(t, 5 + random.nextInt(20), 80 + random.nextInt(30), random.nextDouble() * 0.1));
      }
      for (String segment : segments) {
        events.add(probe(segment, t + random.nextInt(9_000), 70 + random.nextInt(50)));
      }
    }
    TrafficEventDeserializer deserializer = new TrafficEventDeserializer(
        new TrafficEventDecoder(NETWORK, new EventCodec()), "readings", "positions", "reports");
    List<TrafficEvent> input = new ArrayList<>(events);
    input.add(10, deserializer.decode("readings", 1, 17, null, bytes("{\"sensorId\":")));
    input.add(30, deserializer.decode("positions", 0, 99, bytes("k"),
        bytes("{\"vehicleId\":\"v\",\"time\":" + T0730 + ",\"speedKmh\":50,\"segmentId\":\"NOWHERE\"}")));
    input.add(40, deserializer.decode("positions", 0, 100, null,
        bytes("{\"vehicleId\":\"v\",\"time\":" + T0730 + ",\"speedKmh\":-12,\"segmentId\":\"M1-E-03\"}")));
    input.add(50, deserializer.decode("reports", 0, 7, null, bytes("{\"reportId\":\"R-1\",\"source\":\"camera:C9\","
        + "\"time\":" + T0730 + ",\"kind\":\"accident\",\"status\":\"OPEN\",\"segmentId\":\"NOWHERE\"}")));
    input.add(60, deserializer.decode("reports", 0, 8, null, bytes("{\"reportId\":\"R-2\",\"source\":\"api:x\","
        + "\"time\":" + T0730 + ",\"kind\":\"accident\",\"status\":\"OPEN\",\"lat\":0.5,\"lon\":0.5}")));
    // the detector sends an interval again, then its clock jumps back two minutes
    int afterThird = indexAfter(input, e -> e.reading() != null, 3);
    SensorReading third = input.get(afterThird - 1).reading();
    input.add(afterThird, TrafficEvent.of(SEGMENT, third, "readings", 0, 500));
    input.add(afterThird + 5, TrafficEvent.of(SEGMENT, new SensorReading(SENSOR, third.time() - 2 * MINUTE, 30, 3,
        100.0, 0.01), "readings", 0, 501));

    StreamExecutionEnvironment env = TrafficEvents.environment();
    TrafficWorkflow.Outputs out = TrafficEvents.workflow(env, input, Duration.ofSeconds(15));
    CloseableIterator<DeadLetter> deadLetters = out.deadLetters().collectAsync();
    CloseableIterator<CongestionEvent> congestion = out.congestion().collectAsync();
    CloseableIterator<SegmentStats> stats = out.stats().collectAsync();
    env.execute("workflow test");

    List<SegmentStats> actual = new ArrayList<>();
    stats.forEachRemaining(actual::add);
    List<DeadLetter> parked = new ArrayList<>();
    deadLetters.forEachRemaining(parked::add);

    List<SegmentStats> expectedStats = expected(events);
    StatsAssertions.assertSameStats(actual, expectedStats);
    List<CongestionEvent> jams = new ArrayList<>();
    congestion.forEachRemaining(jams::add);
    assertThat(jams).extracting(CongestionEvent::type, CongestionEvent::time, e -> List.of(e.segmentIds()))
        .containsExactlyElementsOf(expectedJams(expectedStats));
    assertThat(jams).extracting(CongestionEvent::type)
        .containsExactly(CongestionEventType.OPENED, CongestionEventType.CLEARED);
    assertThat(parked).extracting(DeadLetter::reasonCode, DeadLetter::sourceTopic, DeadLetter::offset)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(DeadLetterReason.MALFORMED, "readings", 17L),
            org.assertj.core.groups.Tuple.tuple(DeadLetterReason.UNKNOWN_REFERENCE, "positions", 99L),
            org.assertj.core.groups.Tuple.tuple(DeadLetterReason.INVALID, "positions", 100L),
            org.assertj.core.groups.Tuple.tuple(DeadLetterReason.UNKNOWN_REFERENCE, "reports", 7L),
            org.assertj.core.groups.Tuple.tuple(DeadLetterReason.UNKNOWN_REFERENCE, "reports", 8L),
            org.assertj.core.groups.Tuple.tuple(DeadLetterReason.OUT_OF_ORDER, "readings", 500L),
            org.assertj.core.groups.Tuple.tuple(DeadLetterReason.OUT_OF_ORDER, "readings", 501L));
    assertThat(parked).filteredOn(d -> d.offset() == 100).extracting(DeadLetter::reason).first().asString()
        .contains("speedKmh");
    assertThat(parked).filteredOn(d -> d.offset() == 500).extracting(DeadLetter::reason).first().asString()
        .contains("already sent an event");
    assertThat(parked).filteredOn(d -> d.offset() == 501).extracting(DeadLetter::reason).first().asString()
        .contains("clock went back", "120.0 s before");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The index just after the {@code n}-th element matching. */
  private static int indexAfter(List<TrafficEvent> list, java.util.function.Predicate<TrafficEvent> matching, int n) {
    for (int i = 0, seen = 0; i < list.size(); i++) {
      if (matching.test(list.get(i)) && ++seen == n) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("fewer than " + n + " matching events");
  }

  /** Core's jam logic over the expected windows, segment by segment in time order. */
  private static List<org.assertj.core.groups.Tuple> expectedJams(List<SegmentStats> stats) {
    SegmentCongestionTracker tracker = new SegmentCongestionTracker(JamSettings.DEFAULT);
    JamAssembler assembler = new JamAssembler(NETWORK);
    Map<String, SegmentCongestion> states = new HashMap<>();
    JamBoard board = JamBoard.EMPTY;
    List<org.assertj.core.groups.Tuple> events = new ArrayList<>();
    List<SegmentStats> ordered = new ArrayList<>(stats);
    ordered.sort(java.util.Comparator.comparingLong(SegmentStats::windowStart).thenComparing(SegmentStats::segmentId));
    for (SegmentStats s : ordered) {
      SegmentCongestionTracker.Step step = tracker.next(states.get(s.segmentId()), s);
      states.put(s.segmentId(), step.state());
      if (step.changed()) {
        JamAssembler.Result result = assembler.apply(board, step.state().congested(), s);
        board = result.board();
        result.events().forEach(e ->
            events.add(org.assertj.core.groups.Tuple.tuple(e.type(), e.time(), List.of(e.segmentIds()))));
      }
    }
    return events;
  }

  /** Grouping by segment and minute done here, by hand; the per-window arithmetic is core's. */
  private static List<SegmentStats> expected(List<TrafficEvent> events) {
    Map<String, SegmentObservations> byWindow = new HashMap<>();
    for (TrafficEvent e : events) {
      long start = e.eventTime() - e.eventTime() % MINUTE;
      SegmentObservations o = byWindow.computeIfAbsent(e.segmentId() + "|" + start, k -> new SegmentObservations());
      if (e.reading() != null) {
        o.add(e.reading());
      } else {
        o.add(e.position());
      }
    }
    List<SegmentStats> expected = new ArrayList<>();
    byWindow.forEach((key, o) -> {
      String[] parts = key.split("\\|");
      long start = Long.parseLong(parts[1]);
      expected.add(SegmentStatsCalculator.compute(NETWORK.requireSegment(parts[0]), start, start + MINUTE, o));
    });
    return expected;
  }
}
