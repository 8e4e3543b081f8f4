package io.roadstream.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the in-process broker with the real Kafka clients. (This module cannot use roadstream-testkit, which
 * depends on it, so the few client helpers live here.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedKafkaBrokerIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path tempDir;

  private EmbeddedKafkaBroker broker;

  @BeforeAll
  void startSharedBroker(@TempDir Path classDir) {
    long t0 = System.nanoTime();
    broker = new EmbeddedKafkaBroker(classDir.resolve("shared-broker")).start();
    System.out.printf("shared broker start (fresh directory): %d ms%n", millisSince(t0));
  }

  @AfterAll
  void stopSharedBroker() {
    if (broker != null) {
      long t0 = System.nanoTime();
      broker.close();
      System.out.printf("shared broker close: %d ms%n", millisSince(t0));
    }
  }

  @Test
  void roundTripsThousandRecordsThroughAnIdempotentProducer() throws Exception {
    createTopic(broker, "round-trip", 3);
    List<String> sent = IntStream.range(0, 1000).mapToObj(i -> "reading-" + i).toList();

    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(broker, null))) {
      for (String value : sent) {
        producer.send(new ProducerRecord<>("round-trip", value.getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }

    List<String> read = readToEnd(broker, "round-trip", IsolationLevel.READ_UNCOMMITTED);
    assertThat(read).hasSize(1000).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void readCommittedConsumerSeesOnlyCommittedTransactions() throws Exception {
    createTopic(broker, "transactions", 2);

    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(broker, "tx-test"))) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>("transactions", ("aborted-" + i).getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
      producer.abortTransaction();

      producer.beginTransaction();
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>("transactions", ("committed-" + i).getBytes(StandardCharsets.UTF_8)));
      }
      producer.commitTransaction();
    }

    assertThat(readToEnd(broker, "transactions", IsolationLevel.READ_COMMITTED))
        .hasSize(10)
        .allMatch(v -> v.startsWith("committed-"));
    // the aborted records are in the log; only the isolation level hides them
    assertThat(readToEnd(broker, "transactions", IsolationLevel.READ_UNCOMMITTED))
        .hasSize(20)
        .filteredOn(v -> v.startsWith("aborted-")).hasSize(10);
  }

  @Test
  void restartOnTheSameDirectoryKeepsTopicsAndRecords() throws Exception {
    Path dir = tempDir.resolve("restarted-broker");
    List<String> sent = IntStream.range(0, 100).mapToObj(i -> "kept-" + i).toList();

    try (EmbeddedKafkaBroker first = new EmbeddedKafkaBroker(dir).start()) {
      createTopic(first, "kept", 1);
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(first, null))) {
        for (String value : sent) {
          producer.send(new ProducerRecord<>("kept", value.getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
      }
    }

    long t0 = System.nanoTime();
    try (EmbeddedKafkaBroker second = new EmbeddedKafkaBroker(dir).start()) {
      System.out.printf("broker restart on existing directory: %d ms%n", millisSince(t0));
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, second.bootstrapServers()))) {
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("kept");
      }
      assertThat(readToEnd(second, "kept", IsolationLevel.READ_UNCOMMITTED)).containsExactlyElementsOf(sent);
    }
  }

  @Test
  void startsOnTheRequestedPort() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (EmbeddedKafkaBroker fixed = new EmbeddedKafkaBroker(tempDir.resolve("fixed-port"), port).start()) {
      assertThat(fixed.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
      assertThat(fixed.isRunning()).isTrue();
    }
  }

  @Test
  void failsWithAClearErrorWhenThePortIsTaken() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
      EmbeddedKafkaBroker clash = new EmbeddedKafkaBroker(tempDir.resolve("clash"), taken.getLocalPort());
      assertThatThrownBy(clash::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("failed to start on port " + taken.getLocalPort());
      clash.close();
    }
  }

  @Test
  void refusesToFormatADirectoryThatHoldsSomethingElse() throws Exception {
    Path dir = Files.createDirectories(tempDir.resolve("not-kafka"));
    Files.writeString(dir.resolve("notes.txt"), "my thesis");

    try (EmbeddedKafkaBroker wrong = new EmbeddedKafkaBroker(dir)) {
      assertThatThrownBy(wrong::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not empty");
    }
    assertThat(dir.resolve("notes.txt")).hasContent("my thesis");
  }

  @Test
  void refusesAStartAfterClose() {
    EmbeddedKafkaBroker closed = new EmbeddedKafkaBroker(tempDir.resolve("never-started"));
    closed.close();
    assertThatThrownBy(closed::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  private static void createTopic(EmbeddedKafkaBroker broker, String name, int partitions) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
  }

  private static Properties producerProps(EmbeddedKafkaBroker broker, String transactionalId) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    if (transactionalId != null) {
      p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    }
    return p;
  }

  /** Reads every partition from the beginning up to its end offset (the LSO under read_committed). */
  private static List<String> readToEnd(EmbeddedKafkaBroker broker, String topic, IsolationLevel isolation) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, WAIT).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, WAIT));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), WAIT) >= e.getValue())) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("read " + values.size() + " records of " + topic + " in " + WAIT
              + " but did not reach the end offsets " + end);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(new String(r.value(), StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }

  private static long millisSince(long t0) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }
}
