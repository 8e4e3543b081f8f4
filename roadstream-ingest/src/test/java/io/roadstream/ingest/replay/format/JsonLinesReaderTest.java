package io.roadstream.ingest.replay.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.codec.EventLimits;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.IncidentReport;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import io.roadstream.ingest.connect.SourceRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesReaderTest {

  private static final Instant MORNING = Instant.parse("2026-11-27T07:30:00Z");
  private static final long T0 = MORNING.toEpochMilli();
  private final EventCodec codec = new EventCodec(EventLimits.DEFAULT, Clock.fixed(MORNING, ZoneOffset.UTC));

  private final SensorReading reading = new SensorReading("D-M1-E-03", T0, 30, 21, 96.4, 0.07);
  private final ProbePosition position = new ProbePosition("v-1042", T0 + 1000, 51.92, 4.45, "M1-E-03", 412.5, 2,
      97.0, 88.1);
  private final IncidentReport report = new IncidentReport("cam-7-0712", "camera:CAM-7", T0 + 2000, "accident",
      IncidentReport.OPEN, true, "M1-E-07", 620.0, null, null, null, 2, "two cars, \"vehicleId\": none");

  private String json(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private List<SourceRecord> read(String text, JsonLinesReader.Kind kind, JsonLinesReader[] holder) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    JsonLinesReader reader = new JsonLinesReader(new ByteArrayInputStream(bytes), bytes.length, kind, codec);
    holder[0] = reader;
    return SharedData.readAll(reader);
  }

  @Test
  void sniffsEachLinesKindAndRejectsBadLinesWithTheCodecsMessage() throws IOException {
    String text = String.join("\n", json(codec.encode(reading)), "", "not json at all",
        json(codec.encode(position)), "{\"vehicleId\":\"v-1\",\"time\":" + (T0 + 1500) + "}",
        json(codec.encode(report)), "{\"colour\":\"red\"}") + "\n";
    JsonLinesReader[] reader = new JsonLinesReader[1];

    List<SourceRecord> records = read(text, JsonLinesReader.Kind.SNIFF, reader);

    assertThat(records).hasSize(6);
    assertThat(records.get(0)).isEqualTo(SourceRecord.of(reading));
    assertThat(records.get(1)).isInstanceOfSatisfying(SourceRecord.Rejected.class, r -> {
      assertThat(r.code()).isEqualTo(DeadLetterReason.MALFORMED);
      assertThat(r.location()).isEqualTo("line 3");
    });
    assertThat(records.get(2)).isEqualTo(SourceRecord.of(position));
    assertThat(records.get(3)).isInstanceOfSatisfying(SourceRecord.Rejected.class, r -> {
      assertThat(r.code()).isEqualTo(DeadLetterReason.INVALID);
      assertThat(r.location()).isEqualTo("line 5");
      assertThat(r.reason()).contains("speedKmh"); // the codec's message names the missing field
    });
    assertThat(records.get(4)).isEqualTo(SourceRecord.of(report));
    assertThat(records.get(5)).isInstanceOfSatisfying(SourceRecord.Rejected.class,
        r -> assertThat(r.reason()).contains("sensorId", "vehicleId", "reportId"));
    assertThat(reader[0].skipped()).containsExactly(java.util.Map.entry("blank lines", 1L));
  }

  @Test
  void aFixedKindDecodesEveryLineAsThatKind() throws IOException {
    String text = json(codec.encode(reading)) + "\n" + json(codec.encode(position)) + "\n";
    JsonLinesReader[] reader = new JsonLinesReader[1];

    List<SourceRecord> records = read(text, JsonLinesReader.Kind.READINGS, reader);

    assertThat(records.get(0)).isEqualTo(SourceRecord.of(reading));
    assertThat(records.get(1)).isInstanceOfSatisfying(SourceRecord.Rejected.class,
        r -> assertThat(r.reason()).contains("sensorId"));
  }

  @Test
  void aLineEarlierThanOneAlreadyReadIsOutOfOrder() throws IOException {
    SensorReading earlier = new SensorReading("D-M1-E-03", T0 - 30_000, 30, 20, 95.0, 0.06);
    String text = json(codec.encode(reading)) + "\n" + json(codec.encode(earlier)) + "\n";

    List<SourceRecord> records = read(text, JsonLinesReader.Kind.SNIFF, new JsonLinesReader[1]);

    assertThat(records.get(1)).isInstanceOfSatisfying(SourceRecord.Rejected.class, r -> {
      assertThat(r.code()).isEqualTo(DeadLetterReason.OUT_OF_ORDER);
      assertThat(r.reason()).contains("line 1");
    });
  }
}
