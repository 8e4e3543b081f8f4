package io.roadstream.pipeline;

import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;

/**
 * What the source hands the job for each Kafka record: a reading or a position placed on its segment, or the dead
 * letter the record became. Exactly one of {@code reading}, {@code position}, {@code deadLetter} is set. The Kafka
 * coordinates travel along so that a late event's dead letter still says where it came from.
 */
public record TrafficEvent(
    String segmentId,
    SensorReading reading,
    ProbePosition position,
    DeadLetter deadLetter,
    String sourceTopic,
    int partition,
    long offset) {

  public static TrafficEvent of(String segmentId, SensorReading reading, String topic, int partition, long offset) {
    return new TrafficEvent(segmentId, reading, null, null, topic, partition, offset);
  }

  public static TrafficEvent of(ProbePosition position, String topic, int partition, long offset) {
    return new TrafficEvent(position.segmentId(), null, position, null, topic, partition, offset);
  }

  public static TrafficEvent rejected(DeadLetter deadLetter) {
    return new TrafficEvent(null, null, null, deadLetter, deadLetter.sourceTopic(), deadLetter.partition(),
        deadLetter.offset());
  }

  public boolean isDeadLetter() {
    return deadLetter != null;
  }

  /**
   * Event time. Dead letters have none: they get {@link Long#MIN_VALUE}, so a record with a wild timestamp can
   * never move the watermark.
   */
  public long eventTime() {
    if (reading != null) {
      return reading.time();
    }
    if (position != null) {
      return position.time();
    }
    return Long.MIN_VALUE;
  }
}
