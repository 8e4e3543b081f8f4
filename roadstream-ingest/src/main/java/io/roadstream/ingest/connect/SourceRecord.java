package io.roadstream.ingest.connect;

import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.IncidentReport;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import java.nio.charset.StandardCharsets;

/**
 * One record a connector read: an event for one of the raw topics, or a record that cannot be used and goes to the
 * dead letters with its reason. Connectors map what they read (a CSV row, an API's JSON object, an MQTT payload)
 * into these; the {@link EventSink} puts them on Kafka.
 */
public sealed interface SourceRecord {

  /** Event time (epoch ms) of an event; {@link Long#MIN_VALUE} for a rejected record, which has none. */
  long time();

  record Reading(SensorReading reading) implements SourceRecord {
    @Override
    public long time() {
      return reading.time();
    }
  }

  record Position(ProbePosition position) implements SourceRecord {
    @Override
    public long time() {
      return position.time();
    }
  }

  record Report(IncidentReport report) implements SourceRecord {
    @Override
    public long time() {
      return report.time();
    }
  }

  /**
   * A record that cannot become an event.
   *
   * @param payload  the record as it was read (a CSV line, a JSON object, an MQTT payload)
   * @param location where in the source it was, for people: {@code "line 17"}, {@code "page 3, record 5"},
   *                 {@code "topic sensors/a/1"}
   * @param reason   what is wrong with it, naming the field
   */
  record Rejected(byte[] payload, String location, DeadLetterReason code, String reason) implements SourceRecord {
    public Rejected(String payload, String location, DeadLetterReason code, String reason) {
      this(payload.getBytes(StandardCharsets.UTF_8), location, code, reason);
    }

    @Override
    public long time() {
      return Long.MIN_VALUE;
    }
  }

  static SourceRecord of(SensorReading reading) {
    return new Reading(reading);
  }

  static SourceRecord of(ProbePosition position) {
    return new Position(position);
  }

  static SourceRecord of(IncidentReport report) {
    return new Report(report);
  }
}
