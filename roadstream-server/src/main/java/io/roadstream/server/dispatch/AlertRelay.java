package io.roadstream.server.dispatch;

import io.roadstream.core.codec.DecodeException;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.Alert;
import io.roadstream.store.Materializer;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every record of {@code roadstream.alerts} to a RabbitMQ exchange. Offsets are committed only after the broker
 * confirmed the batch (a {@link Materializer} over a {@link RabbitAlertSink}), so an alert is never skipped; a batch
 * retried after a failed confirm may reach the exchange twice, with the same message id.
 */
final class AlertRelay {

  private static final Logger LOG = LoggerFactory.getLogger(AlertRelay.class);

  private final EventCodec codec = new EventCodec();

  Materializer<Optional<AlertMessage>> materializer(Map<String, Object> kafka, String groupId, String alertsTopic,
      String deadLetterTopic, RabbitAlertSink sink, String sinkName) {
    return new Materializer<>(kafka, groupId, alertsTopic, deadLetterTopic, this::messageFor,
        batch -> sink.publish(batch.stream().flatMap(Optional::stream).toList()), batch -> { }, sinkName);
  }

  Optional<AlertMessage> messageFor(ConsumerRecord<byte[], byte[]> record) {
    try {
      return Optional.of(AlertMessage.of(codec.decodeAlert(record.value()), record.value()));
    } catch (DecodeException e) {
      // the alerts materializer parks this record in the dead letters; one letter per bad record is enough
      LOG.warn("skipping {}-{}@{}: not an alert ({})", record.topic(), record.partition(), record.offset(),
          e.getMessage());
      return Optional.empty();
    }
  }
}
