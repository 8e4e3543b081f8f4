package io.roadstream.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SensorReading;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventCodecTest {

  private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
  private static final long T = Instant.parse("2026-11-27T07:30:00Z").toEpochMilli();
  private final EventCodec codec = new EventCodec(EventLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));

  private static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readingsRoundTrip() throws Exception {
    SensorReading r = new SensorReading("D-1", T, 30, 17, 88.5, 0.12);

    assertThat(codec.decodeReading(codec.encode(r))).isEqualTo(r);
  }

  @Test
  void readingWithoutVehiclesHasNoSpeed() throws Exception {
    SensorReading r = new SensorReading("D-1", T, 30, 0, null, 0.0);

    assertThat(codec.decodeReading(codec.encode(r))).isEqualTo(r);
  }

  @Test
  void acceptsIsoTime() throws Exception {
    SensorReading r = codec.decodeReading(json(
        "{\"sensorId\":\"D-1\",\"time\":\"2026-11-27T07:30:00Z\",\"intervalS\":30,\"vehicleCount\":3}"));

    assertThat(r.time()).isEqualTo(T);
    assertThat(r.avgSpeedKmh()).isNull();
  }

  @Test
  void aSpeedOnlyReadingSaysSoWithAnExplicitNullCount() throws Exception {
    SensorReading speedOnly = new SensorReading("tomtom-a10", T, 60, null, 87.0, null);

    assertThat(codec.decodeReading(codec.encode(speedOnly))).isEqualTo(speedOnly);
    assertThatThrownBy(() -> codec.decodeReading(json("{\"sensorId\":\"D\",\"time\":1795000000000,\"intervalS\":30}")))
        .hasMessageContaining("field 'vehicleCount' is missing (give null when the source measures speed but does not "
            + "count vehicles)");
  }

  @Test
  void positionsRoundTripWithCoordinatesOrLinearReference() throws Exception {
    ProbePosition both = new ProbePosition("car-1", T, 51.92, 4.47, "M1-E-01", 120.5, 2, 97.0, 88.0);
    ProbePosition coordinatesOnly = new ProbePosition("car-2", T, 51.92, 4.47, null, null, null, 0.0, null);

    assertThat(codec.decodePosition(codec.encode(both))).isEqualTo(both);
    assertThat(codec.decodePosition(codec.encode(coordinatesOnly))).isEqualTo(coordinatesOnly);
  }

  @Test
  void statsAndDeadLettersRoundTrip() throws Exception {
    SegmentStats s = new SegmentStats("M1-E-01", T, T + 60_000, 80.0, 3000.0, 12.5, 0.1, 45.0, LevelOfService.C, 2, 7);
    DeadLetter d = new DeadLetter("roadstream.readings", 3, 42, "k", new byte[] {(byte) 0xff, 0, 1},
        DeadLetterReason.MALFORMED, "not valid JSON", T);

    assertThat(codec.decodeStats(codec.encode(s))).isEqualTo(s);
    assertThat(codec.decodeDeadLetter(codec.encode(d))).isEqualTo(d);
  }

  @Test
  void congestionEventsRoundTripWithTheirEvidence() throws Exception {
    SegmentStats s = new SegmentStats("M1-E-07", T, T + 60_000, 14.0, 1200.0, 28.6, 0.45, 257.0, LevelOfService.F, 2, 9);
    io.roadstream.core.congestion.CongestionEvent e = new io.roadstream.core.congestion.CongestionEvent("jam-1",
        io.roadstream.core.congestion.CongestionEventType.UPDATED, T + 60_000, T, "M1-E-07", "M1-E-06",
        new String[] {"M1-E-07", "M1-E-06"}, 2.01, 14.0, new SegmentStats[] {s, s});

    assertThat(codec.decodeCongestion(codec.encode(e))).isEqualTo(e);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      not json                 | {"sensorId":                                                                     | MALFORMED | not valid JSON
      an array                 | [1,2]                                                                            | MALFORMED | expected a JSON object
      text after the object    | {"sensorId":"D","time":1795000000000,"intervalS":30,"vehicleCount":3} {"x":1}   | MALFORMED | not valid JSON: Trailing token
      missing sensor           | {"time":1795000000000,"intervalS":30,"vehicleCount":3}                          | INVALID   | field 'sensorId' is missing
      count as text            | {"sensorId":"D","time":1795000000000,"intervalS":30,"vehicleCount":"3"}          | INVALID   | field 'vehicleCount': expected an integer, got "3"
      negative speed           | {"sensorId":"D","time":1795000000000,"intervalS":30,"vehicleCount":3,"avgSpeedKmh":-5} | INVALID | field 'avgSpeedKmh': -5 is outside the plausible range 0 .. 300
      1000 km/h                | {"sensorId":"D","time":1795000000000,"intervalS":30,"vehicleCount":3,"avgSpeedKmh":1000} | INVALID | field 'avgSpeedKmh': 1000 is outside
      occupancy over 1         | {"sensorId":"D","time":1795000000000,"intervalS":30,"vehicleCount":3,"occupancy":1.5} | INVALID | field 'occupancy': 1.5 is outside
      1970                     | {"sensorId":"D","time":0,"intervalS":30,"vehicleCount":3}                       | INVALID   | field 'time': 1970-01-01T00:00:00Z is outside the plausible range
      2100                     | {"sensorId":"D","time":"2100-01-01T00:00:00Z","intervalS":30,"vehicleCount":3}  | INVALID   | field 'time': 2100-01-01T00:00:00Z is outside
      year 1 000 000 000       | {"sensorId":"D","time":"+1000000000-01-01T00:00:00Z","intervalS":30,"vehicleCount":3} | INVALID | field 'time': +1000000000-01-01T00:00:00Z is outside
      year -1 000 000 000      | {"sensorId":"D","time":"-1000000000-01-01T00:00:00Z","intervalS":30,"vehicleCount":3} | INVALID | field 'time': -1000000000-01-01T00:00:00Z is outside
      bad iso time             | {"sensorId":"D","time":"yesterday","intervalS":30,"vehicleCount":3}             | INVALID   | field 'time': expected an ISO-8601 instant
      impossible count         | {"sensorId":"D","time":1795000000000,"intervalS":30,"vehicleCount":5000}         | INVALID   | beyond any road's capacity
      zero interval            | {"sensorId":"D","time":1795000000000,"intervalS":0,"vehicleCount":3}            | INVALID   | field 'intervalS': 0 is outside
      """)
  void rejectsBadReadingsNamingTheField(String name, String record, DeadLetterReason reason, String message) {
    assertThatThrownBy(() -> codec.decodeReading(json(record)))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((DecodeException) e).reason()).isEqualTo(reason));
  }

  @Test
  void rejectsNaNAndEmptyRecords() {
    assertThatThrownBy(() -> codec.decodeReading(new byte[0])).hasMessageContaining("empty record");
    assertThatThrownBy(() -> codec.decodeReading(json(
        "{\"sensorId\":\"D\",\"time\":1795000000000,\"intervalS\":30,\"vehicleCount\":3,\"avgSpeedKmh\":NaN}")))
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void rejectsAPositionWithNeitherCoordinatesNorSegment() {
    assertThatThrownBy(() -> codec.decodePosition(json("{\"vehicleId\":\"v\",\"time\":1795000000000,\"speedKmh\":50}")))
        .hasMessageContaining("needs coordinates ('lat' and 'lon') or a linear reference ('segmentId')");
    assertThatThrownBy(() -> codec.decodePosition(json(
        "{\"vehicleId\":\"v\",\"time\":1795000000000,\"speedKmh\":50,\"lat\":51.9}")))
        .hasMessageContaining("'lat' and 'lon': give both or neither");
  }

  @Test
  void shortensHugeValuesInTheReason() {
    String huge = "x".repeat(10_000_000);
    assertThatThrownBy(() -> codec.decodeReading(json("{\"sensorId\":\"" + huge + "\"}")))
        .hasMessageContaining("longer than 128 characters")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(200));
  }

  @Test
  void readsBackADeadLetterWhateverItsKey() throws Exception {
    for (String key : new String[] {"", " ", "k".repeat(1000)}) {
      DeadLetter d = new DeadLetter("t", 0, 1, key, json("{"), DeadLetterReason.MALFORMED, "bad", T);

      assertThat(codec.decodeDeadLetter(codec.encode(d))).isEqualTo(d);
    }
  }

  @Test
  void deadLetterKeepsUnreadableBytesExactly() throws Exception {
    byte[] garbage = {(byte) 0xc3, (byte) 0x28, 0, (byte) 0xff};
    DeadLetter d = new DeadLetter("t", 0, 1, null, garbage, DeadLetterReason.MALFORMED, "bad", T);

    String encoded = new String(codec.encode(d), StandardCharsets.UTF_8);

    assertThat(encoded).doesNotContain("payloadText");
    assertThat(codec.decodeDeadLetter(codec.encode(d)).payload()).isEqualTo(garbage);
  }
}
