package io.roadstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.roadstream.embedded.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

@ExtendWith(KafkaTestBroker.class)
class KafkaTestBrokerIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final EmbeddedKafkaBroker broker;

  KafkaTestBrokerIT(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  @Test
  void createsAFreshlyNamedTopicEachTime(KafkaTestClients kafka) throws Exception {
    String first = kafka.createTopic("Segment Stats!", 2);
    String second = kafka.createTopic("Segment Stats!", 2);

    assertThat(first).isNotEqualTo(second).startsWith("segment-stats-").matches("[a-z0-9-]+");
    assertThat(kafka.admin().listTopics().names().get(30, TimeUnit.SECONDS)).contains(first, second);
    assertThat(kafka.admin().describeTopics(List.of(first)).allTopicNames().get(30, TimeUnit.SECONDS)
        .get(first).partitions()).hasSize(2);
  }

  @Test
  void producesAndConsumesRecordsInOrder(KafkaTestClients kafka) {
    String topic = kafka.createTopic("readings");
    List<String> sent = IntStream.range(0, 500).mapToObj(i -> "speed=" + i).toList();

    kafka.produceStrings(topic, sent);

    assertThat(KafkaTestClients.values(kafka.consume(topic, 500, WAIT))).containsExactlyElementsOf(sent);
  }

  @Test
  void consumeFailsSayingHowManyRecordsArrived(KafkaTestClients kafka) {
    String topic = kafka.createTopic("short");
    kafka.produce(topic, List.of(bytes("a"), bytes("b"), bytes("c")));

    assertThatThrownBy(() -> kafka.consume(topic, 5, Duration.ofMillis(800)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected 5 records from " + topic)
        .hasMessageContaining("but got 3");
  }

  @Test
  void readCommittedSkipsAbortedTransactions(KafkaTestClients kafka) {
    String topic = kafka.createTopic("incidents", 2);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(kafka.transactionalProducerProperties(KafkaTestClients.uniqueName("tx")))) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, bytes("aborted-1")));
      producer.send(new ProducerRecord<>(topic, bytes("aborted-2")));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, bytes("committed-1")));
      producer.send(new ProducerRecord<>(topic, bytes("committed-2")));
      producer.commitTransaction();
    }

    List<ConsumerRecord<byte[], byte[]>> committed = kafka.consume(topic, 2, WAIT, IsolationLevel.READ_COMMITTED);
    assertThat(KafkaTestClients.values(committed)).containsExactlyInAnyOrder("committed-1", "committed-2");
    assertThat(KafkaTestClients.values(kafka.readToEnd(topic, WAIT, IsolationLevel.READ_COMMITTED)))
        .containsExactlyInAnyOrder("committed-1", "committed-2");
    assertThat(KafkaTestClients.values(kafka.readToEnd(topic, WAIT, IsolationLevel.READ_UNCOMMITTED)))
        .containsExactlyInAnyOrder("aborted-1", "aborted-2", "committed-1", "committed-2");
  }

  @Test
  void consumingAMissingTopicFailsClearly(KafkaTestClients kafka) {
    assertThatThrownBy(() -> kafka.consume("no-such-topic-" + System.nanoTime(), 1, Duration.ofSeconds(2)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("does not exist");
  }

  @Nested
  class InANestedClass {
    @Test
    void sharesTheEnclosingClassBroker(EmbeddedKafkaBroker nestedBroker, KafkaTestClients kafka) {
      assertThat(nestedBroker).isSameAs(broker);
      assertThat(kafka.bootstrapServers()).isEqualTo(broker.bootstrapServers());
    }
  }

  @Test
  void startsOneBrokerPerClassAndDeletesItsDirectoryAfterwards() {
    Events reports = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(TwoTestsSharingABroker.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(2).failed(0));

    List<Map<String, String>> entries = reports.reportingEntryPublished()
        .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
        .toList();
    assertThat(entries).hasSize(2);
    assertThat(entries).extracting(m -> m.get("bootstrap")).containsOnly(entries.get(0).get("bootstrap"));
    Path directory = Path.of(entries.get(0).get("directory"));
    assertThat(directory.toString()).contains("roadstream-kafka-test-");
    assertThat(Files.exists(directory)).as("broker directory deleted after the class").isFalse();
    assertThat(Files.exists(directory.getParent())).as("temporary parent deleted too").isFalse();
  }

  /** Run only through {@link EngineTestKit} above (failsafe skips nested classes). */
  @ExtendWith(KafkaTestBroker.class)
  static class TwoTestsSharingABroker {
    @Test
    void first(EmbeddedKafkaBroker broker, TestReporter reporter) {
      report(broker, reporter);
    }

    @Test
    void second(EmbeddedKafkaBroker broker, TestReporter reporter) {
      report(broker, reporter);
    }

    private static void report(EmbeddedKafkaBroker broker, TestReporter reporter) {
      assertThat(broker.isRunning()).isTrue();
      reporter.publishEntry(Map.of("bootstrap", broker.bootstrapServers(),
          "directory", broker.dataDirectory().toString()));
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
