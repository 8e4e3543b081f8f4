package io.roadstream.server.dispatch;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.store.WebhookDeliveryRepository.DueDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes a given-up delivery to {@code roadstream.dead-letters} as {@link DeadLetterReason#UNDELIVERABLE}: the
 * incident's JSON, where it was read, and why no receiver took it. Returns only once Kafka has it.
 */
final class DeadLetterPublisher implements AutoCloseable {

  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final EventCodec codec = new EventCodec();
  private final Clock clock;

  DeadLetterPublisher(Map<String, Object> kafka, String topic, Clock clock) {
    Map<String, Object> props = new HashMap<>(kafka);
    props.put("acks", "all");
    props.put("enable.idempotence", "true");
    this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = topic;
    this.clock = clock;
  }

  /** @throws IllegalStateException when Kafka did not take it; the delivery then stays pending and is retried */
  void publish(DueDelivery delivery, String reason) throws InterruptedException {
    DeadLetter letter = new DeadLetter(delivery.sourceTopic(), delivery.sourcePartition(), delivery.sourceOffset(),
        delivery.incidentId(), delivery.payload().getBytes(StandardCharsets.UTF_8), DeadLetterReason.UNDELIVERABLE,
        reason, clock.millis());
    try {
      producer.send(new ProducerRecord<>(topic, null, letter.time(),
              letter.reasonCode().name().getBytes(StandardCharsets.UTF_8), codec.encode(letter)))
          .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write the dead letter of " + delivery.incidentId() + " for webhook '"
          + delivery.webhook() + "' to " + topic + ": " + (e.getCause() == null ? e : e.getCause()), e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
