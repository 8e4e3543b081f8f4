package io.roadstream.pipeline.linearroad;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.Topics;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import io.roadstream.testkit.TestConfigs;
import io.roadstream.core.linearroad.LinearRoadAnswers;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The 30-minute, one-expressway Linear Road run through a real Kafka broker and the job on a MiniCluster at
 * parallelism 2, exactly once, against the public validator's answers: every answer of every type on its match key,
 * no missing, no extra, same values (shared/data/linear-road/SOURCE.md).
 */
@ExtendWith(KafkaTestBroker.class)
class LinearRoadShort30IT {

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static final Path DATA = Path.of("..", "..", "shared", "data", "linear-road");
  static final Path INPUT = DATA.resolve("lr-1x-30min.dat.gz");
  static final Path EXPECTED = DATA.resolve("lr-1x-30min.expected-out.txt.gz");
  static final Path MATCHING_TOLLS = DATA.resolve("lr-1x-30min.matchTollsOnly.dat");
  static final int INPUT_ROWS = 1_568_819;
  /** Every expected row but the type 5 ones, which are alternatives to type 2. */
  static final int ANSWERS = 569_665 + 6_444 + 7_945 + 1_579;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void answersMatchTheValidatorThroughKafka(EmbeddedKafkaBroker broker, KafkaTestClients kafka) throws Exception {
    RoadstreamConfig config = TestConfigs.isolated(broker.bootstrapServers(), "lr",
        Map.of("pipeline.checkpointIntervalSeconds", "2", "pipeline.parallelism", "2"));
    String prefix = config.kafka().topicPrefix();
    Topics topics = config.kafka().topics();
    kafka.admin().createTopics(List.of(new NewTopic(topics.linearRoad(), 1, (short) 1),
            new NewTopic(topics.linearRoadAnswers(), 2, (short) 1), new NewTopic(topics.deadLetters(), 1, (short) 1)))
        .all().get(30, TimeUnit.SECONDS);

    long start = System.nanoTime();
    long produced = produceRows(kafka, topics.linearRoad());
    long producedAt = System.nanoTime();
    assertThat(produced).isEqualTo(INPUT_ROWS);

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    LinearRoadJob.build(env, config, new LinearRoadWorkflow.Settings(MATCHING_TOLLS.toAbsolutePath().toString()),
        true);
    env.execute("linear road short30 IT");
    long jobDoneAt = System.nanoTime();

    List<ConsumerRecord<byte[], byte[]>> answers =
        kafka.readToEnd(topics.linearRoadAnswers(), Duration.ofSeconds(60), IsolationLevel.READ_COMMITTED);
    List<ConsumerRecord<byte[], byte[]>> deadLetters =
        kafka.readToEnd(topics.deadLetters(), Duration.ofSeconds(30), IsolationLevel.READ_COMMITTED);
    LinearRoadAnswers comparison = LinearRoadAnswers.expected(EXPECTED);
    for (ConsumerRecord<byte[], byte[]> r : answers) {
      String row = new String(r.value(), StandardCharsets.US_ASCII);
      assertThat(new String(r.key(), StandardCharsets.US_ASCII)).as("key of %s", row)
          .isEqualTo(row.substring(0, row.indexOf(',')));
      comparison.accept(row);
    }
    comparison.finish();
    System.out.printf("Linear Road short run through Kafka: produce %.1f s, job %.1f s, %d answers%n%s%n",
        (producedAt - start) / 1e9, (jobDoneAt - producedAt) / 1e9, answers.size(), comparison.report());

    assertThat(comparison.differences()).as(comparison.report()).isZero();
    assertThat(comparison.matched()).containsEntry(0, 569_665).containsEntry(1, 6_444).containsEntry(2, 7_945)
        .containsEntry(3, 1_579);
    assertThat(comparison.matchedTollsAboveZero()).isEqualTo(84_207);
    assertThat(answers).hasSize(ANSWERS);
    assertThat(deadLetters).isEmpty();
  }

  /** Every row of the input file as one record, in order, into the topic's single partition. */
  private static long produceRows(KafkaTestClients kafka, String topic) throws Exception {
    Properties p = kafka.producerProperties();
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    AtomicReference<Exception> failure = new AtomicReference<>();
    long rows = 0;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p);
         BufferedReader in = LinearRoadAnswers.lines(INPUT)) {
      String row;
      while ((row = in.readLine()) != null && failure.get() == null) {
        producer.send(new ProducerRecord<>(topic, row.getBytes(StandardCharsets.US_ASCII)), (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
        rows++;
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new AssertionError("producing the input failed after " + rows + " rows", failure.get());
    }
    return rows;
  }
}
