package io.roadstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.app.kafka.TopicCreator;
import io.roadstream.app.runtime.EmbeddedPipeline;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.Topics;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.ingest.simulator.ScenarioLoader;
import io.roadstream.ingest.simulator.SimulationListener;
import io.roadstream.ingest.simulator.SimulationSettings;
import io.roadstream.ingest.simulator.TrafficSimulation;
import io.roadstream.store.Database;
import io.roadstream.store.Materializer;
import io.roadstream.store.Materializers;
import io.roadstream.store.SegmentStatsRepository;
import io.roadstream.testkit.ExpectedStats;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import io.roadstream.testkit.TestConfigs;
import io.roadstream.testkit.StatsAssertions;
import io.roadstream.testkit.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The walking skeleton end to end, all real: simulator (fixed seed) → Kafka broker → Flink job on a MiniCluster →
 * Kafka (transactions) → materializer → PostgreSQL. The rows in PostgreSQL must equal, window by window, what core's
 * pure calculation gives for the same generated events, and 100 malformed records injected among them must all be in
 * the dead letters with a reason, without disturbing a single valid window.
 */
@ExtendWith(KafkaTestBroker.class)
class EndToEndIT {

  private static final RoadNetwork NETWORK = new RoadNetworkLoader().load("metroville");
  private static final Instant START = Instant.parse("2026-11-26T06:45:00Z");
  private static final Duration SIMULATED = Duration.ofMinutes(12);
  private static final int MALFORMED = 100;

  /** A record to produce: topic, key, event time, bytes; and whether it is one of the malformed ones. */
  private record Outgoing(String topic, String key, long time, byte[] value, boolean malformed) {}

  @Test
  void everyWindowLandsInPostgresExactlyOnceAndEveryBadRecordInTheDeadLetters(EmbeddedKafkaBroker broker,
      KafkaTestClients kafka) throws Exception {
    RoadstreamConfig config = TestConfigs.isolated(broker.bootstrapServers(), "e2e",
        Map.of("pipeline.parallelism", "2"));
    String prefix = config.kafka().topicPrefix();
    Topics topics = config.kafka().topics();
    TopicCreator.ensure(KafkaClients.properties(config.kafka()), topics.all(), 4, (short) 1);

    // 1. generate: the simulator's events, and 100 malformed records spread among them
    List<SensorReading> readings = new ArrayList<>();
    List<ProbePosition> positions = new ArrayList<>();
    List<Outgoing> outgoing = simulate(topics, readings, positions);
    assertThat(readings).hasSizeGreaterThan(1000);
    assertThat(positions).hasSizeGreaterThan(10_000);

    // 2. produce, remembering where each malformed record landed
    Set<String> malformedAt = new HashSet<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties(),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
      for (Outgoing o : outgoing) {
        // no Kafka timestamp (the producer's now): yesterday's event times would fall to time-based retention
        sent.add(producer.send(new ProducerRecord<>(o.topic(), o.key().getBytes(StandardCharsets.UTF_8), o.value())));
      }
      producer.flush();
      for (int i = 0; i < outgoing.size(); i++) {
        RecordMetadata m = sent.get(i).get(30, TimeUnit.SECONDS);
        if (outgoing.get(i).malformed()) {
          malformedAt.add(m.topic() + "/" + m.partition() + "/" + m.offset());
        }
      }
    }
    assertThat(malformedAt).hasSize(MALFORMED);

    // 3. the Flink job, bounded to what is in the topics now, and the materializer into a fresh schema
    try (TestPostgres pg = TestPostgres.freshSchema("e2e");
        Database db = Database.open(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD, pg.schema())) {
      try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(config, NETWORK, true)) {
        pipeline.awaitFinished(4, TimeUnit.MINUTES);
      }
      List<SegmentStats> expected = ExpectedStats.of(NETWORK, readings, positions, Duration.ofMinutes(1));
      Materializer<SegmentStats> materializer = Materializers.segmentStats(KafkaClients.properties(config.kafka()),
          prefix + "materializer", topics, new SegmentStatsRepository(db.dataSource()), rows -> { });
      Thread thread = new Thread(materializer, "materializer");
      thread.start();
      try {
        await("all " + expected.size() + " windows in PostgreSQL").atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> SegmentStatsTable.rowCount(pg) >= expected.size());
      } finally {
        materializer.close();
        thread.join(10_000);
      }

      // 4. PostgreSQL holds each window once, equal to the pure computation
      List<SegmentStats> stored = SegmentStatsTable.readAll(pg);
      StatsAssertions.assertSameStats(stored, expected);
      assertThat(stored).extracting(SegmentStats::los).contains(LevelOfService.A).doesNotContainNull();
    }

    // 5. every malformed record is in the dead letters, with a reason; nothing else is
    List<ConsumerRecord<byte[], byte[]>> parked =
        kafka.readToEnd(topics.deadLetters(), Duration.ofSeconds(30), IsolationLevel.READ_COMMITTED);
    EventCodec codec = new EventCodec();
    List<DeadLetter> letters = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : parked) {
      letters.add(codec.decodeDeadLetter(r.value()));
    }
    assertThat(letters).hasSize(MALFORMED);
    assertThat(letters).extracting(d -> d.sourceTopic() + "/" + d.partition() + "/" + d.offset())
        .containsExactlyInAnyOrderElementsOf(malformedAt);
    assertThat(letters).allSatisfy(d -> assertThat(d.reason()).isNotBlank());
  }

  private static List<Outgoing> simulate(Topics topics, List<SensorReading> readings, List<ProbePosition> positions) {
    SimulationSettings settings = SimulationSettings.defaults(START).withSeed(20261127).withDemandScale(0.5);
    TrafficSimulation simulation = new TrafficSimulation(NETWORK, new ScenarioLoader().load("morning-peak"), settings);
    EventCodec codec = new EventCodec();
    List<Outgoing> valid = new ArrayList<>();
    simulation.advanceTo(START.plus(SIMULATED).toEpochMilli(), new SimulationListener() {
      @Override
      public void onReading(SensorReading r) {
        readings.add(r);
        valid.add(new Outgoing(topics.readings(), r.sensorId(), r.time(), codec.encode(r), false));
      }

      @Override
      public void onPosition(ProbePosition p) {
        positions.add(p);
        valid.add(new Outgoing(topics.positions(), p.vehicleId(), p.time(), codec.encode(p), false));
      }
    });
    Random random = new Random(99);
    List<Outgoing> all = new ArrayList<>(valid);
    for (int i = 0; i < MALFORMED; i++) {
      Outgoing near = valid.get(random.nextInt(valid.size()));
      all.add(all.indexOf(near) + 1, malformed(i, near, topics));
    }
    return all;
  }

  /** Ten kinds of broken record, each placed right after a valid one so it arrives mid-stream. */
  private static Outgoing malformed(int i, Outgoing near, Topics topics) {
    String t = String.valueOf(near.time());
    String sensor = NETWORK.detectors().iterator().next().id();
    byte[] value = switch (i % 10) {
      case 0 -> new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, (byte) i};
      case 1 -> ("{\"sensorId\":\"" + sensor + "\",\"time\":" + t + ",\"intervalS\":3").getBytes(StandardCharsets.UTF_8);
      case 2 -> ("{\"sensorId\":\"" + sensor + "\",\"time\":" + t + ",\"intervalS\":30,\"vehicleCount\":\"many\"}")
          .getBytes(StandardCharsets.UTF_8);
      case 3 -> ("{\"sensorId\":\"" + sensor + "\",\"time\":" + t + ",\"intervalS\":30,\"vehicleCount\":3,"
          + "\"avgSpeedKmh\":1000}").getBytes(StandardCharsets.UTF_8);
      case 4 -> ("{\"sensorId\":\"" + sensor + "\",\"time\":0,\"intervalS\":30,\"vehicleCount\":3}")
          .getBytes(StandardCharsets.UTF_8);
      case 5 -> ("{\"sensorId\":\"NO-SUCH-DETECTOR\",\"time\":" + t + ",\"intervalS\":30,\"vehicleCount\":3}")
          .getBytes(StandardCharsets.UTF_8);
      case 6 -> ("{\"vehicleId\":\"x\",\"time\":" + t + ",\"speedKmh\":50,\"segmentId\":\"NOWHERE\"}")
          .getBytes(StandardCharsets.UTF_8);
      case 7 -> ("{\"vehicleId\":\"x\",\"time\":" + t + ",\"speedKmh\":50,\"lat\":10.0,\"lon\":10.0}")
          .getBytes(StandardCharsets.UTF_8);
      case 8 -> ("{\"vehicleId\":\"x\",\"time\":\"2100-01-01T00:00:00Z\",\"speedKmh\":50,\"segmentId\":\"M1-E-01\"}")
          .getBytes(StandardCharsets.UTF_8);
      default -> new byte[0];
    };
    boolean position = i % 10 >= 6 && i % 10 <= 8;
    return new Outgoing(position ? topics.positions() : topics.readings(), "bad-" + i, near.time(), value, true);
  }
}
