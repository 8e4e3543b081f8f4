package io.roadstream.pipeline.linearroad;

import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.linearroad.LinearRoadFormatException;
import io.roadstream.core.linearroad.LinearRoadParser;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns each Kafka record of the Linear Road topic (one CSV row of the benchmark file) into a {@link LinearRoadRow}
 * with {@link LinearRoadParser}. Never throws for bad data: a row that is not 15 comma-separated integers is a
 * MALFORMED dead letter, one whose values are out of the benchmark's ranges an INVALID one, each with its bytes,
 * coordinates and the parser's message.
 */
public final class LinearRoadRowDeserializer implements KafkaRecordDeserializationSchema<LinearRoadRow> {

  private static final Pattern FIFTEEN_INTEGERS = Pattern.compile("-?\\d{1,10}(,-?\\d{1,10}){14}");

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<LinearRoadRow> out) {
    out.collect(decode(record.topic(), record.partition(), record.offset(), record.key(), record.value()));
  }

  /** The decision for one record; public for tests and for sources other than Kafka. */
  public LinearRoadRow decode(String topic, int partition, long offset, byte[] key, byte[] value) {
    String row = value == null ? "" : new String(value, StandardCharsets.US_ASCII);
    try {
      return LinearRoadRow.of(LinearRoadParser.parse(row));
    } catch (LinearRoadFormatException e) {
      // the parser's message says what is wrong; the category is decided here, only for the rare bad row
      DeadLetterReason reason = FIFTEEN_INTEGERS.matcher(row).matches()
          ? DeadLetterReason.INVALID : DeadLetterReason.MALFORMED;
      return LinearRoadRow.rejected(new DeadLetter(topic, partition, offset,
          key == null ? null : new String(key, StandardCharsets.UTF_8), value == null ? new byte[0] : value,
          reason, e.getMessage(), System.currentTimeMillis()));
    }
  }

  @Override
  public TypeInformation<LinearRoadRow> getProducedType() {
    return TypeInformation.of(LinearRoadRow.class);
  }
}
