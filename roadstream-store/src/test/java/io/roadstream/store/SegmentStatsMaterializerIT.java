package io.roadstream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import io.roadstream.testkit.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** The materializer between a real Kafka broker and a real PostgreSQL. */
@ExtendWith(KafkaTestBroker.class)
class SegmentStatsMaterializerIT {

  private static final long T0 = Instant.parse("2026-11-27T07:30:00Z").toEpochMilli();
  private final EventCodec codec = new EventCodec();
  private TestPostgres pg;
  private Database db;

  @BeforeEach
  void openDatabase(TestInfo test) {
    pg = TestPostgres.freshSchema(test.getTestMethod().orElseThrow().getName());
    db = Database.open(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD, pg.schema());
  }

  @AfterEach
  void dropDatabase() throws Exception {
    db.close();
    pg.close();
  }

  private static SegmentStats stats(String segment, long start, double speed) {
    return new SegmentStats(segment, start, start + 60_000, speed, 1800.0, 1800.0 / speed / 3, 0.1, 60.0,
        LevelOfService.B, 2, 10);
  }

  private ProducerRecord<byte[], byte[]> record(String topic, SegmentStats s) {
    return new ProducerRecord<>(topic, s.segmentId().getBytes(StandardCharsets.UTF_8), codec.encode(s));
  }

  /** Runs a materializer until {@code done} holds (bounded), then stops it. */
  private void materialize(Map<String, Object> kafka, String group, String topic, String deadLetters,
      java.util.concurrent.Callable<Boolean> done) throws Exception {
    // the segment-stats materializer's parts, on this test's own topics
    SegmentStatsRepository repository = new SegmentStatsRepository(db.dataSource());
    Materializer<SegmentStats> materializer = new Materializer<>(kafka, group, topic, deadLetters,
        codec::decodeStats, repository::upsert, rows -> { });
    Thread thread = new Thread(materializer, "materializer");
    thread.start();
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(done);
    } finally {
      materializer.close();
      thread.join(10_000);
    }
  }

  @Test
  void writesEachWindowOnceWithItsLatestVersionAndCommitsOnlyAfterwards(EmbeddedKafkaBroker broker,
      KafkaTestClients kafka) throws Exception {
    String topic = kafka.createTopic("stats", 2);
    String deadLetters = kafka.createTopic("dead-letters", 1);
    SegmentStats a1 = stats("A", T0, 80);
    SegmentStats a1Updated = stats("A", T0, 60); // the same window again, after a late event
    SegmentStats a2 = stats("A", T0 + 60_000, 70);
    SegmentStats b1 = stats("B", T0, 90);
    kafka.produceRecords(List.of(record(topic, a1), record(topic, b1), record(topic, a2), record(topic, a1Updated)));
    kafka.produceRecords(List.of(new ProducerRecord<>(topic, "C".getBytes(StandardCharsets.UTF_8),
        "{\"segmentId\": \"C\"".getBytes(StandardCharsets.UTF_8))));
    Map<String, Object> client = Map.of("bootstrap.servers", broker.bootstrapServers());
    SegmentStatsRepository repository = new SegmentStatsRepository(db.dataSource());

    materialize(client, "g1", topic, deadLetters, () -> repository.count() == 3 && committed(kafka, "g1", topic) == 5);

    assertThat(repository.between("A", Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 120_000)))
        .containsExactly(a1Updated, a2);
    assertThat(repository.between("B", Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 60_000)))
        .containsExactly(b1);
    List<ConsumerRecord<byte[], byte[]>> parked =
        kafka.consume(deadLetters, 1, Duration.ofSeconds(30), IsolationLevel.READ_UNCOMMITTED);
    DeadLetter letter = codec.decodeDeadLetter(parked.get(0).value());
    assertThat(letter.reasonCode()).isEqualTo(DeadLetterReason.MALFORMED);
    assertThat(letter.sourceTopic()).isEqualTo(topic);
    assertThat(new String(letter.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"segmentId\": \"C\"");

    // a second deployment reading everything again changes nothing: the writes are idempotent
    materialize(client, "g2", topic, deadLetters, () -> committed(kafka, "g2", topic) == 5);
    assertThat(repository.count()).isEqualTo(3);
    assertThat(repository.between("A", Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 60_000)))
        .containsExactly(a1Updated);
  }

  @Test
  void skipsRecordsOfAbortedTransactions(EmbeddedKafkaBroker broker, KafkaTestClients kafka) throws Exception {
    String topic = kafka.createTopic("stats", 1);
    String deadLetters = kafka.createTopic("dead-letters", 1);
    SegmentStats aborted = stats("A", T0, 10);
    SegmentStats committed = stats("B", T0, 90);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
        kafka.transactionalProducerProperties("it-" + System.nanoTime()), new ByteArraySerializer(),
        new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(record(topic, aborted)).get(10, TimeUnit.SECONDS);
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(record(topic, committed)).get(10, TimeUnit.SECONDS);
      producer.commitTransaction();
    }
    SegmentStatsRepository repository = new SegmentStatsRepository(db.dataSource());
    long end = kafka.admin().listOffsets(Map.of(new TopicPartition(topic, 0),
        org.apache.kafka.clients.admin.OffsetSpec.latest())).all().get().get(new TopicPartition(topic, 0)).offset();

    materialize(Map.of("bootstrap.servers", broker.bootstrapServers()), "g", topic, deadLetters,
        () -> committed(kafka, "g", topic) == end);

    assertThat(repository.latestPerSegment()).extracting(StoredStats::stats).containsExactly(committed);
  }

  /** Σ committed offsets of {@code group} on {@code topic}. */
  private static long committed(KafkaTestClients kafka, String group, String topic) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset()).sum();
  }
}
