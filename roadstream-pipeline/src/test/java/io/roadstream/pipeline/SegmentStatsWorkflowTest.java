package io.roadstream.pipeline;

import static io.roadstream.pipeline.TrafficEvents.MINUTE;
import static io.roadstream.pipeline.TrafficEvents.NETWORK;
import static io.roadstream.pipeline.TrafficEvents.SEGMENT;
import static io.roadstream.pipeline.TrafficEvents.T0730;
import static io.roadstream.pipeline.TrafficEvents.probe;
import static io.roadstream.pipeline.TrafficEvents.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.codec.TrafficEventDecoder;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.SegmentStats;
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
class SegmentStatsWorkflowTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @Test
  void computesEveryWindowOfEverySegmentAndParksBadRecords() throws Exception {
    Random random = new Random(7);
    List<TrafficEvent> events = new ArrayList<>();
    List<String> segments = List.of(SEGMENT, "M1-E-04", "M1-W-02");
    for (long t = T0730; t < T0730 + 5 * MINUTE; t += 10_000) {
      events.add(reading(t - t % 30_000, 5 + random.nextInt(30), 40 + random.nextInt(70), random.nextDouble() * 0.3));
      for (String segment : segments) {
        events.add(probe(segment, t + random.nextInt(9_000), random.nextInt(120)));
      }
    }
    TrafficEventDeserializer deserializer = new TrafficEventDeserializer(
        new TrafficEventDecoder(NETWORK, new EventCodec()), "readings", "positions");
    List<TrafficEvent> bad = List.of(
        deserializer.decode("readings", 1, 17, null, "{\"sensorId\":".getBytes(StandardCharsets.UTF_8)),
        deserializer.decode("positions", 0, 99, "k".getBytes(StandardCharsets.UTF_8),
            ("{\"vehicleId\":\"v\",\"time\":" + T0730 + ",\"speedKmh\":50,\"segmentId\":\"NOWHERE\"}")
                .getBytes(StandardCharsets.UTF_8)));
    List<TrafficEvent> input = new ArrayList<>(events);
    input.add(10, bad.get(0));
    input.add(30, bad.get(1));

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    DataStream<TrafficEvent> stream = env.fromData(input, TypeInformation.of(TrafficEvent.class))
        .assignTimestampsAndWatermarks(EventTime.strategy(Duration.ofSeconds(15), Duration.ofSeconds(10)));
    SegmentStatsWorkflow.Outputs out = SegmentStatsWorkflow.define(stream, NETWORK,
        new SegmentStatsWorkflow.Settings(Duration.ofMinutes(1), Duration.ofSeconds(30)));
    CloseableIterator<DeadLetter> deadLetters = out.deadLetters().collectAsync();
    CloseableIterator<SegmentStats> stats = out.stats().collectAsync();
    env.execute("workflow test");

    List<SegmentStats> actual = new ArrayList<>();
    stats.forEachRemaining(actual::add);
    List<DeadLetter> parked = new ArrayList<>();
    deadLetters.forEachRemaining(parked::add);

    StatsAssertions.assertSameStats(actual, expected(events));
    assertThat(parked).extracting(DeadLetter::reasonCode, DeadLetter::sourceTopic, DeadLetter::offset)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(DeadLetterReason.MALFORMED, "readings", 17L),
            org.assertj.core.groups.Tuple.tuple(DeadLetterReason.UNKNOWN_REFERENCE, "positions", 99L));
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
