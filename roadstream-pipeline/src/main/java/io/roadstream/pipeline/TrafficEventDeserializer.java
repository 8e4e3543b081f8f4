package io.roadstream.pipeline;

import io.roadstream.core.codec.DecodeException;
import io.roadstream.core.codec.TrafficEventDecoder;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.ProbePosition;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns each Kafka record of the readings, positions and reports topics into a {@link TrafficEvent}. Never throws for bad
 * data: a record that cannot be decoded or placed on the network becomes a dead letter with its bytes, topic,
 * partition, offset and the reason, and the job goes on.
 */
public final class TrafficEventDeserializer implements KafkaRecordDeserializationSchema<TrafficEvent> {

  private final TrafficEventDecoder decoder;
  private final String readingsTopic;
  private final String positionsTopic;
  private final String reportsTopic;

  public TrafficEventDeserializer(TrafficEventDecoder decoder, String readingsTopic, String positionsTopic,
      String reportsTopic) {
    this.decoder = decoder;
    this.readingsTopic = readingsTopic;
    this.positionsTopic = positionsTopic;
    this.reportsTopic = reportsTopic;
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<TrafficEvent> out) {
    out.collect(decode(record.topic(), record.partition(), record.offset(), record.key(), record.value()));
  }

  /** The decision for one record; public for tests and for sources other than Kafka. */
  public TrafficEvent decode(String topic, int partition, long offset, byte[] key, byte[] value) {
    try {
      if (topic.equals(readingsTopic)) {
        TrafficEventDecoder.LocatedReading located = decoder.decodeReading(value);
        return TrafficEvent.of(located.segmentId(), located.reading(), topic, partition, offset);
      }
      if (topic.equals(positionsTopic)) {
        ProbePosition position = decoder.decodePosition(value);
        return TrafficEvent.of(position, topic, partition, offset);
      }
      if (topic.equals(reportsTopic)) {
        return TrafficEvent.of(decoder.decodeReport(value), topic, partition, offset);
      }
      throw new IllegalArgumentException("topic '" + topic + "' is not an input of this job");
    } catch (DecodeException e) {
      return TrafficEvent.rejected(new DeadLetter(topic, partition, offset,
          key == null ? null : new String(key, StandardCharsets.UTF_8), value == null ? new byte[0] : value,
          e.reason(), e.getMessage(), System.currentTimeMillis()));
    }
  }

  @Override
  public TypeInformation<TrafficEvent> getProducedType() {
    return TypeInformation.of(TrafficEvent.class);
  }
}
