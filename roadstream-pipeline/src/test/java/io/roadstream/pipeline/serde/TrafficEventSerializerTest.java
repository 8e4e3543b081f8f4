package io.roadstream.pipeline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.IncidentReport;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import io.roadstream.pipeline.TrafficEvent;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Flink's contract test for serializers (round trips alone and in sequence, copies, snapshot and restore,
 * duplicates), over every kind of event with every nullable field both null and set.
 */
class TrafficEventSerializerTest extends SerializerTestBase<TrafficEvent> {

  private static final long T = 1_795_000_000_000L;

  @Override
  protected TypeSerializer<TrafficEvent> createSerializer() {
    return TrafficEventSerializer.INSTANCE;
  }

  @Override
  protected int getLength() {
    return -1;
  }

  @Override
  protected Class<TrafficEvent> getTypeClass() {
    return TrafficEvent.class;
  }

  @Override
  protected boolean allowNullInstances(TypeSerializer<TrafficEvent> serializer) {
    return true; // immutable records: there is no empty instance to reuse
  }

  @Override
  protected TrafficEvent[] getTestData() {
    return new TrafficEvent[] {
        TrafficEvent.of("M1-E-03", new SensorReading("D-1", T, 30, 12, 87.5, 0.12), "readings", 3, 1234567L),
        TrafficEvent.of("M1-E-03", new SensorReading("D-2", T + 1, 60, null, null, null), "readings", 0, 0L),
        TrafficEvent.of(new ProbePosition("car-7", T, 52.1, 4.3, "M1-E-03", 120.5, 2, 93.0, 271.0),
            "positions", 1, 42L),
        TrafficEvent.of(new ProbePosition("car-8", T, null, null, "M1-W-02", null, null, 0.0, null),
            "positions", 2, Long.MAX_VALUE),
        TrafficEvent.of(new IncidentReport("R-1", "camera:C9", T, "accident", "OPEN", true, "M1-E-03", 300.0, 52.0,
            4.0, 90.0, 2, "two cars, right lane ünd ☃"), "reports", 0, 8L),
        TrafficEvent.of(new IncidentReport("R-2", "api:x", T, "roadworks", "CLOSED", false, "M1-E-04", null, null,
            null, null, null, ""), "reports", 0, 9L),
        TrafficEvent.rejected(new DeadLetter("positions", 0, 99, "k", "{\"vehicleId\":".getBytes(StandardCharsets.UTF_8),
            DeadLetterReason.MALFORMED, "not valid JSON", T)),
        TrafficEvent.rejected(new DeadLetter("readings", 1, 17, null, new byte[0], DeadLetterReason.UNKNOWN_REFERENCE,
            "field 'sensorId': no detector", T)),
        new TrafficEvent(null, new SensorReading("D-3", -5, 1, 0, 0.0, 1.0), null, null, null, null, -1, -1),
        // the segment is written only when it is not the payload's own: these are not
        new TrafficEvent("M1-E-09", null, new ProbePosition("car-9", T, 52.1, 4.3, "M1-E-03", 1.0, null, 50.0, null),
            null, null, "positions", 0, 1L),
        new TrafficEvent(null, null, new ProbePosition("car-9", T, 52.1, 4.3, null, null, null, 50.0, null),
            null, null, "positions", 0, 2L),
        new TrafficEvent("M1-E-01", null, new ProbePosition("Fahrzeug-ß☃", T, 52.1, 4.3, null, null, null, 0.5, null),
            null, null, "positions-ü", 0, 3L),
    };
  }

  @Test
  void isWhatFlinkExtractsForTheEventType() {
    assertThat(TypeInformation.of(TrafficEvent.class).createSerializer(new org.apache.flink.api.common.serialization
        .SerializerConfigImpl())).isSameAs(TrafficEventSerializer.INSTANCE);
  }

  @Test
  void refusesAnEventWithNothingInIt() {
    TrafficEvent empty = new TrafficEvent("S", null, null, null, null, "t", 0, 0);
    assertThatThrownBy(() -> TrafficEventSerializer.INSTANCE.serialize(empty, new DataOutputSerializer(64)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds a reading");
  }
}
