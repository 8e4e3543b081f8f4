package io.roadstream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.Topics;
import io.roadstream.core.event.SignalPlan;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import io.roadstream.testkit.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** The signal-plan materializer between a real Kafka broker and a real PostgreSQL. */
@ExtendWith(KafkaTestBroker.class)
class SignalPlanMaterializerIT {

  private static final Instant SEVEN_FIVE = Instant.parse("2026-11-27T07:05:00Z");
  private static final Instant SEVEN_TEN = Instant.parse("2026-11-27T07:10:00Z");
  private static final Instant SEVEN_FIFTEEN = Instant.parse("2026-11-27T07:15:00Z");
  private static final Instant SIX = Instant.parse("2026-11-27T06:00:00Z");
  private static final Instant NINE = Instant.parse("2026-11-27T09:00:00Z");

  private final EventCodec codec = new EventCodec();
  private TestPostgres pg;
  private Database db;
  private SignalPlanRepository repository;
  private Topics topics;

  @BeforeEach
  void openDatabaseAndTopics(TestInfo test, KafkaTestClients kafka) throws Exception {
    pg = TestPostgres.freshSchema(test.getTestMethod().orElseThrow().getName());
    db = Database.open(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD, pg.schema());
    repository = new SignalPlanRepository(db.dataSource());
    topics = new Topics(KafkaTestClients.uniqueName("it") + ".");
    kafka.admin().createTopics(List.of(new NewTopic(topics.signalPlans(), 2, (short) 1),
        new NewTopic(topics.deadLetters(), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void dropDatabase() throws Exception {
    db.close();
    pg.close();
  }

  @Test
  void writesEachPublishedPlanOnceEvenWhenReplayed(EmbeddedKafkaBroker broker, KafkaTestClients kafka)
      throws Exception {
    SignalPlan mainFirst = plan("I-main", SEVEN_FIVE, 60, 0.30, 0.25);
    SignalPlan mainSecond = plan("I-main", SEVEN_TEN, 80, 0.40, 0.30);
    SignalPlan ring = plan("I-ring", SEVEN_FIVE, 45, 0.20, 0.10);
    // the first plan twice, as a producer retry without idempotence would leave it
    kafka.produceRecords(List.of(record(mainFirst), record(ring), record(mainFirst), record(mainSecond)));
    Map<String, Object> client = Map.of("bootstrap.servers", broker.bootstrapServers());

    String group = materialize(client, kafka, "demo", 4);

    assertThat(group).isEqualTo("demo-signal-plans");
    assertThat(repository.between("I-main", SIX, NINE)).containsExactly(mainFirst, mainSecond);
    assertThat(repository.between("I-ring", SIX, NINE)).containsExactly(ring);
    assertThat(repository.current()).containsExactly(mainSecond, ring);

    // a second deployment reading the topic from the start writes the same rows again: nothing is doubled
    materialize(client, kafka, "second", 4);

    assertThat(repository.between("I-main", SIX, NINE)).containsExactly(mainFirst, mainSecond);
    assertThat(repository.between("I-ring", SIX, NINE)).containsExactly(ring);
    assertThat(repository.current()).containsExactly(mainSecond, ring);
  }

  @Test
  void keepsTheNewestPlanInForceWhenAnOlderOneArrivesLater(EmbeddedKafkaBroker broker, KafkaTestClients kafka)
      throws Exception {
    SignalPlan newer = plan("I-main", SEVEN_FIFTEEN, 90, 0.45, 0.35);
    SignalPlan older = plan("I-main", SEVEN_TEN, 70, 0.35, 0.30);
    kafka.produceRecords(List.of(record(newer), record(older)));

    materialize(Map.of("bootstrap.servers", broker.bootstrapServers()), kafka, "late", 2);

    assertThat(repository.current()).containsExactly(newer);
    assertThat(repository.between("I-main", SIX, NINE)).containsExactly(older, newer);
    // [from, to): a plan computed at 'to' is left out, one computed at 'from' is in
    assertThat(repository.between("I-main", SEVEN_TEN, SEVEN_FIFTEEN)).containsExactly(older);
  }

  /** A two-phase plan whose greens share what the lost time leaves in proportion to the flow ratios. */
  private static SignalPlan plan(String intersection, Instant computedAt, double cycleS, double yNorthSouth,
      double yEastWest) {
    double lostTimeS = 12;
    double bigY = yNorthSouth + yEastWest;
    double green = cycleS - lostTimeS;
    long end = computedAt.toEpochMilli();
    return new SignalPlan(intersection, end, cycleS, lostTimeS, List.of(
        new SignalPlan.Phase(List.of(intersection + "-nb", intersection + "-sb"), yNorthSouth, green * yNorthSouth / bigY),
        new SignalPlan.Phase(List.of(intersection + "-eb"), yEastWest, green * yEastWest / bigY)),
        bigY, false, end - 300_000, end);
  }

  private ProducerRecord<byte[], byte[]> record(SignalPlan plan) {
    return new ProducerRecord<>(topics.signalPlans(), plan.intersectionId().getBytes(StandardCharsets.UTF_8),
        codec.encode(plan));
  }

  /**
   * Runs {@code Materializers.signalPlans} until its group has committed {@code records} offsets (bounded), then stops
   * it; returns the group it used.
   */
  private String materialize(Map<String, Object> client, KafkaTestClients kafka, String groupPrefix, long records)
      throws Exception {
    String group = Materializers.group(groupPrefix, topics.signalPlans());
    Materializer<SignalPlan> materializer = Materializers.signalPlans(client, groupPrefix, topics, repository);
    Thread thread = new Thread(materializer, "signal-plan-materializer");
    thread.start();
    try {
      await("group " + group + " commits all " + records + " records").atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200)).until(() -> committed(kafka, group) == records);
    } finally {
      materializer.close();
      thread.join(10_000);
    }
    return group;
  }

  /** Σ committed offsets of {@code group} on the signal-plans topic. */
  private long committed(KafkaTestClients kafka, String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    return offsets.entrySet().stream()
        .filter(e -> e.getKey().topic().equals(topics.signalPlans()) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset()).sum();
  }
}
