package io.roadstream.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.Topics;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.SensorReading;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.embedded.FreePort;
import io.roadstream.testkit.KafkaTestClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connector's sink against a real broker that goes away: while it is down the connector is made to wait once the
 * bounded buffer is full, and when it is back every record is in Kafka exactly once.
 */
class KafkaEventSinkIT {

  private static final long T0 = 1_664_900_000_000L;
  private static final int BEFORE = 2_000;
  private static final int DURING = 20_000;

  @TempDir Path dir;

  @Test
  void aBrokerOutageMakesTheSourceWaitAndLosesOrDoublesNothing() throws Exception {
    int port = FreePort.on("127.0.0.1");
    Path data = Files.createDirectories(dir.resolve("kafka"));
    Topics topics = new Topics("sink-it.");
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(data, port).start();
    String bootstrap = broker.bootstrapServers();
    try (KafkaTestClients kafka = new KafkaTestClients(bootstrap)) {
      kafka.admin().createTopics(List.of(new NewTopic(topics.readings(), 2, (short) 1),
          new NewTopic(topics.deadLetters(), 1, (short) 1))).all().get();
    }
    // a 1 MiB buffer: the records sent during the outage (about 2.5 MB of JSON) cannot all wait in it
    Map<String, Object> settings = KafkaEventSink.producerSettings(Map.of("bootstrap.servers", bootstrap), 1 << 20);
    ConnectorMetrics metrics = new ConnectorMetrics("loops");
    AtomicInteger handed = new AtomicInteger();
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer())) {
      KafkaEventSink sink = new KafkaEventSink(producer, topics, metrics, Clock.systemUTC());
      for (int i = 0; i < BEFORE; i++) {
        sink.accept(reading(i));
        handed.incrementAndGet();
      }
      sink.accept(new SourceRecord.Rejected("401833,,", "line 7", DeadLetterReason.INVALID, "'Total Flow' is empty"));
      sink.flush();
      broker.close();

      Thread source = new Thread(() -> {
        try {
          for (int i = BEFORE; i < BEFORE + DURING; i++) {
            sink.accept(reading(i));
            handed.incrementAndGet();
          }
          sink.flush();
        } catch (Exception e) {
          failure.set(e);
        }
      }, "source");
      source.start();
      await("the source to wait on the full buffer").atMost(Duration.ofSeconds(60))
          .until(() -> source.getState() == Thread.State.WAITING || source.getState() == Thread.State.TIMED_WAITING);
      int handedWhileDown = handed.get();
      assertThat(handedWhileDown).as("the source was held back").isLessThan(BEFORE + DURING);

      broker = new EmbeddedKafkaBroker(data, port).start();
      source.join(Duration.ofSeconds(120).toMillis());
      assertThat(source.isAlive()).as("the source finished once the broker was back").isFalse();
      assertThat(failure.get()).isNull();
    } finally {
      broker.close();
    }

    broker = new EmbeddedKafkaBroker(data, port).start();
    try (KafkaTestClients kafka = new KafkaTestClients(bootstrap)) {
      EventCodec codec = new EventCodec();
      List<ConsumerRecord<byte[], byte[]>> records =
          kafka.readToEnd(topics.readings(), Duration.ofSeconds(60), IsolationLevel.READ_COMMITTED);
      Set<String> readings = new HashSet<>();
      for (ConsumerRecord<byte[], byte[]> r : records) {
        SensorReading reading = codec.decodeReading(r.value());
        assertThat(new String(r.key())).isEqualTo(reading.sensorId());
        readings.add(reading.sensorId() + "@" + reading.time());
      }
      assertThat(records).as("each record once").hasSize(BEFORE + DURING);
      assertThat(readings).as("every record").hasSize(BEFORE + DURING);
      List<ConsumerRecord<byte[], byte[]>> letters =
          kafka.readToEnd(topics.deadLetters(), Duration.ofSeconds(30), IsolationLevel.READ_COMMITTED);
      assertThat(letters).hasSize(1);
      DeadLetter letter = codec.decodeDeadLetter(letters.get(0).value());
      assertThat(letter.sourceTopic()).isEqualTo("connector:loops");
      assertThat(letter.reasonCode()).isEqualTo(DeadLetterReason.INVALID);
      assertThat(letter.reason()).isEqualTo("line 7: 'Total Flow' is empty");
      assertThat(new String(letter.payload())).isEqualTo("401833,,");
    } finally {
      broker.close();
    }
    assertThat(metrics.produced()).isEqualTo(BEFORE + DURING);
    assertThat(metrics.rejected(DeadLetterReason.INVALID)).isEqualTo(1);
  }

  private static SourceRecord reading(int i) {
    // 40 detectors, one reading each per 30 s
    return SourceRecord.of(new SensorReading("D-" + (i % 40), T0 + (i / 40) * 30_000L, 30, 12, 95.5, 0.08));
  }
}
