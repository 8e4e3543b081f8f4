package io.roadstream.pipeline;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.IncidentReport;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import io.roadstream.pipeline.serde.TrafficEventTypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What the source hands the job for each Kafka record: a reading, a position or an incident report placed on its
 * segment, or the dead letter the record became. Exactly one of {@code reading}, {@code position}, {@code report},
 * {@code deadLetter} is set. The Kafka
 * coordinates travel along so that a late event's dead letter still says where it came from.
 *
 * <p>Every event crosses two or three shuffles, so Flink serializes it with the hand-written
 * {@link io.roadstream.pipeline.serde.TrafficEventSerializer} instead of its POJO serializer.
 */
@TypeInfo(TrafficEventTypeInfoFactory.class)
public record TrafficEvent(
    String segmentId,
    SensorReading reading,
    ProbePosition position,
    IncidentReport report,
    DeadLetter deadLetter,
    String sourceTopic,
    int partition,
    long offset) {

  public static TrafficEvent of(String segmentId, SensorReading reading, String topic, int partition, long offset) {
    return new TrafficEvent(segmentId, reading, null, null, null, topic, partition, offset);
  }

  public static TrafficEvent of(ProbePosition position, String topic, int partition, long offset) {
    return new TrafficEvent(position.segmentId(), null, position, null, null, topic, partition, offset);
  }

  public static TrafficEvent of(IncidentReport report, String topic, int partition, long offset) {
    return new TrafficEvent(report.segmentId(), null, null, report, null, topic, partition, offset);
  }

  public static TrafficEvent rejected(DeadLetter deadLetter) {
    return new TrafficEvent(null, null, null, null, deadLetter, deadLetter.sourceTopic(), deadLetter.partition(),
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
    if (report != null) {
      return report.time();
    }
    return Long.MIN_VALUE;
  }

  /** The id of the source whose clock this event's time comes from: the detector, the vehicle or the report. */
  public String sourceId() {
    if (reading != null) {
      return reading.sensorId();
    }
    if (position != null) {
      return position.vehicleId();
    }
    return report == null ? null : report.reportId();
  }

  /** What kind of source {@link #sourceId} names: {@code detector}, {@code vehicle} or {@code report}. */
  public String sourceKind() {
    return reading != null ? "detector" : position != null ? "vehicle" : report != null ? "report" : null;
  }

  /**
   * The event as JSON again, for a dead letter made after decoding (the decoded form is all an operator keeps);
   * topic, partition and offset still point at the original record.
   */
  public byte[] encode(EventCodec codec) {
    if (reading != null) {
      return codec.encode(reading);
    }
    if (position != null) {
      return codec.encode(position);
    }
    if (report != null) {
      return codec.encode(report);
    }
    return deadLetter.payload();
  }
}
