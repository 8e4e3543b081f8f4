package io.roadstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.app.kafka.TopicCreator;
import io.roadstream.app.runtime.EmbeddedPipeline;
import io.roadstream.archive.Archiver;
import io.roadstream.archive.store.LocalArchiveStore;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.Topics;
import io.roadstream.core.event.DeadLetter;
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
import io.roadstream.testkit.ExpectedStats;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import io.roadstream.testkit.StatsAssertions;
import io.roadstream.testkit.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The archive round trip, all real: simulated traffic (fixed seed, across an hour boundary) on Kafka is archived to
 * Parquet by the archiver, the archive is replayed by {@code roadstream replay archive DIR} into fresh topics, and the
 * Flink job runs over the original topics and over the replayed ones. Both runs must give the same segment statistics,
 * and both must equal core's pure calculation over the generated events. Undecodable records are archived as they
 * were and come out of the replay as dead letters; records that decode but name no detector of the network are
 * archived and replayed, and the job rejects them both times: the dead letters of the two runs are the same.
 */
@ExtendWith(KafkaTestBroker.class)
class ArchiveRoundTripIT {

  private static final RoadNetwork NETWORK = new RoadNetworkLoader().load("metroville");
  private static final Instant START = Instant.parse("2026-11-27T06:55:00Z");
  private static final Duration SIMULATED = Duration.ofMinutes(9);

  @TempDir Path dir;

  @Test
  void replayingTheArchiveGivesTheSameSegmentStatsAsTheOriginalInput(EmbeddedKafkaBroker broker,
      KafkaTestClients kafka) throws Exception {
    RoadstreamConfig original = TestConfigs.isolated(broker.bootstrapServers(), "roundtrip",
        Map.of("pipeline.parallelism", "2", "archive.rollIntervalSeconds", "1", "archive.rollBytes", "65536"));
    Topics topics = original.kafka().topics();
    TopicCreator.ensure(KafkaClients.properties(original.kafka()), topics.all(), 2, (short) 1);

    // 1. traffic on the original topics, with two records the archiver cannot decode and two it can but the job
    //    cannot place
    List<SensorReading> readings = new ArrayList<>();
    List<ProbePosition> positions = new ArrayList<>();
    int produced = produce(broker, topics, readings, positions);
    assertThat(produced).as("a few thousand records").isBetween(1_500, 8_000);

    // 2. archive them
    Path archive = dir.resolve("archive");
    Archiver archiver = new Archiver(KafkaClients.properties(original.kafka()), Archiver.groupId(topics), topics,
        new LocalArchiveStore(archive), Archiver.Settings.of(original.archive()), Clock.systemUTC());
    Thread thread = new Thread(archiver, "archiver");
    thread.start();
    try {
      Map<TopicPartition, Long> end = endOffsets(kafka, topics);
      await("every raw record archived and committed").atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200)).until(() -> committed(kafka, topics).equals(end));
    } finally {
      archiver.close();
      thread.join(20_000);
    }
    assertThat(archiver.records()).isEqualTo(readings.size() + positions.size() + 2);
    assertThat(archiver.rejected()).as("undecodable records, archived as they were").isEqualTo(2);

    // 3. replay the archive into fresh topics, as a user would
    RoadstreamConfig replayed = TestConfigs.isolated(broker.bootstrapServers(), "roundtrip-replayed",
        Map.of("pipeline.parallelism", "2"));
    Topics replayedTopics = replayed.kafka().topics();
    TopicCreator.ensure(KafkaClients.properties(replayed.kafka()), replayedTopics.all(), 2, (short) 1);
    int exit = new CommandLine(new Roadstream()).execute("replay", "archive", archive.toString(), "--kafka",
        broker.bootstrapServers(), "--set", "kafka.topicPrefix=" + replayedTopics.prefix(), "--quiet");
    assertThat(exit).as("replay exit code").isZero();
    long replayedRecords = 0;
    for (String topic : replayedTopics.raw()) {
      replayedRecords += kafka.readToEnd(topic, Duration.ofSeconds(30), IsolationLevel.READ_COMMITTED).size();
    }
    assertThat(replayedRecords).isEqualTo(archiver.records());

    // 4. the job over both
    Map<String, SegmentStats> fromOriginal = segmentStats(original, kafka);
    Map<String, SegmentStats> fromReplay = segmentStats(replayed, kafka);

    List<SegmentStats> expected = ExpectedStats.of(NETWORK, readings, positions, Duration.ofMinutes(1));
    assertThat(fromReplay).as("windows").hasSize(expected.size());
    StatsAssertions.assertSameStats(new ArrayList<>(fromReplay.values()), new ArrayList<>(fromOriginal.values()));
    StatsAssertions.assertSameStats(new ArrayList<>(fromReplay.values()), expected);

    // 5. the same dead letters: the job's for the original input; the replay's (undecodable) and the job's (unplaced)
    //    for the replayed one
    List<String> originalLetters = deadLetters(topics, kafka);
    assertThat(originalLetters).as("dead letters of the original run").hasSize(4)
        .contains("MALFORMED {\"sensorId\":", "MALFORMED ");
    assertThat(deadLetters(replayedTopics, kafka)).as("dead letters of the replayed run")
        .containsExactlyInAnyOrderElementsOf(originalLetters);
  }

  /** Each dead letter of {@code topics} as its reason code and payload. */
  private static List<String> deadLetters(Topics topics, KafkaTestClients kafka) throws Exception {
    EventCodec codec = new EventCodec();
    List<String> letters = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.readToEnd(topics.deadLetters(), Duration.ofSeconds(30),
        IsolationLevel.READ_COMMITTED)) {
      DeadLetter letter = codec.decodeDeadLetter(r.value());
      letters.add(letter.reasonCode() + " " + new String(letter.payload(), StandardCharsets.UTF_8));
    }
    return letters;
  }

  /** Runs the job bounded over {@code config}'s topics; the latest statistics per segment and window. */
  private static Map<String, SegmentStats> segmentStats(RoadstreamConfig config, KafkaTestClients kafka)
      throws Exception {
    try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(config, NETWORK, true)) {
      pipeline.awaitFinished(3, TimeUnit.MINUTES);
    }
    EventCodec codec = new EventCodec();
    Map<String, SegmentStats> latest = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.readToEnd(config.kafka().topics().segmentStats(),
        Duration.ofSeconds(30), IsolationLevel.READ_COMMITTED)) {
      SegmentStats s = codec.decodeStats(r.value());
      latest.put(s.segmentId() + "@" + s.windowStart(), s);
    }
    return latest;
  }

  private int produce(EmbeddedKafkaBroker broker, Topics topics, List<SensorReading> readings,
      List<ProbePosition> positions) throws Exception {
    EventCodec codec = new EventCodec();
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    SimulationSettings settings = SimulationSettings.defaults(START).withSeed(7).withDemandScale(0.08);
    new TrafficSimulation(NETWORK, new ScenarioLoader().load("morning-peak"), settings)
        .advanceTo(START.plus(SIMULATED).toEpochMilli(), new SimulationListener() {
          @Override
          public void onReading(SensorReading r) {
            readings.add(r);
            records.add(record(topics.readings(), r.sensorId(), codec.encode(r)));
          }

          @Override
          public void onPosition(ProbePosition p) {
            positions.add(p);
            records.add(record(topics.positions(), p.vehicleId(), codec.encode(p)));
          }
        });
    long t = START.plusSeconds(120).toEpochMilli();
    records.add(records.size() / 3, record(topics.readings(), "bad-1", "{\"sensorId\":".getBytes(StandardCharsets.UTF_8)));
    records.add(records.size() / 2, record(topics.positions(), "bad-2", new byte[0]));
    records.add(records.size() / 4, record(topics.readings(), "NO-SUCH-DETECTOR", codec.encode(
        new SensorReading("NO-SUCH-DETECTOR", t, 30, 3, 50.0, 0.1))));
    records.add(records.size() * 3 / 4, record(topics.positions(), "lost", codec.encode(
        new ProbePosition("lost", t, null, null, "NOWHERE", 10.0, 1, 40.0, null))));

    Properties props = new Properties();
    props.put("bootstrap.servers", broker.bootstrapServers());
    props.put("acks", "all");
    props.put("enable.idempotence", "true");
    props.put("max.in.flight.requests.per.connection", "1");
    props.put("linger.ms", "5");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (ProducerRecord<byte[], byte[]> r : records) {
        sent.add(producer.send(r));
      }
      producer.flush();
      for (Future<RecordMetadata> f : sent) {
        f.get(30, TimeUnit.SECONDS);
      }
    }
    return records.size();
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
    return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
  }

  private static Map<TopicPartition, Long> endOffsets(KafkaTestClients kafka, Topics topics) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (String topic : topics.raw()) {
      for (int p = 0; p < 2; p++) {
        request.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
    }
    Map<TopicPartition, Long> end = new HashMap<>();
    kafka.admin().listOffsets(request).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
    return end;
  }

  private static Map<TopicPartition, Long> committed(KafkaTestClients kafka, Topics topics) throws Exception {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (Map.Entry<TopicPartition, OffsetAndMetadata> e : kafka.admin()
        .listConsumerGroupOffsets(Archiver.groupId(topics)).partitionsToOffsetAndMetadata().get().entrySet()) {
      if (e.getValue() != null) {
        offsets.put(e.getKey(), e.getValue().offset());
      }
    }
    return offsets;
  }
}
