package io.roadstream.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.codec.EventLimits;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.SensorReading;
import io.roadstream.ingest.connect.SourceRecord;
import io.roadstream.ingest.connect.SourceRecord.Position;
import io.roadstream.ingest.connect.SourceRecord.Reading;
import io.roadstream.ingest.connect.SourceRecord.Rejected;
import io.roadstream.ingest.connect.SourceRecord.Report;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MqttPayloadMapperTest {

  private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
  private static final long SEVEN_THIRTY = Instant.parse("2026-11-27T07:30:00Z").toEpochMilli();
  private static final String TOPIC = "sensors/D-M1-E-01/reading";
  private static final List<String> READING_COLUMNS =
      List.of("sensorId", "time", "intervalS", "vehicleCount", "avgSpeedKmh", "occupancy");

  private final EventCodec codec = new EventCodec(EventLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void readsOneJsonObjectAsOneReading() {
    List<SourceRecord> records = json("readings", 0).map(TOPIC, bytes(reading("D-M1-E-01", 21)));

    assertThat(records).containsExactly(new Reading(
        new SensorReading("D-M1-E-01", SEVEN_THIRTY, 30, 21, 96.4, 0.07)));
  }

  @Test
  void readsEachElementOfAJsonArrayAndRejectsOnlyTheBadOneNamingItsPlaceAndField() {
    String payload = "[" + reading("D-1", 10) + ", {\"sensorId\":\"D-2\",\"time\":" + SEVEN_THIRTY
        + ",\"intervalS\":30}, 42, " + reading("D-3", 12) + "]";

    List<SourceRecord> records = json("readings", 0).map(TOPIC, bytes(payload));

    assertThat(records).hasSize(4);
    assertThat(((Reading) records.get(0)).reading().sensorId()).isEqualTo("D-1");
    Rejected missing = (Rejected) records.get(1);
    assertThat(missing.location()).isEqualTo("topic " + TOPIC + ", item 2");
    assertThat(missing.code()).isEqualTo(DeadLetterReason.INVALID);
    assertThat(missing.reason()).contains("'vehicleCount' is missing");
    assertThat(new String(missing.payload(), StandardCharsets.UTF_8)).contains("\"sensorId\":\"D-2\"");
    Rejected number = (Rejected) records.get(2);
    assertThat(number.location()).isEqualTo("topic " + TOPIC + ", item 3");
    assertThat(number.code()).isEqualTo(DeadLetterReason.MALFORMED);
    assertThat(number.reason()).isEqualTo("expected a JSON object, got number");
    assertThat(((Reading) records.get(3)).reading().sensorId()).isEqualTo("D-3");
  }

  @Test
  void rejectsAPayloadThatIsNotJsonWholeAndAsItCame() {
    byte[] payload = bytes("{\"sensorId\": \"D-1\", ");

    List<SourceRecord> records = json("readings", 0).map(TOPIC, payload);

    assertThat(records).hasSize(1);
    Rejected r = (Rejected) records.get(0);
    assertThat(r.location()).isEqualTo("topic " + TOPIC);
    assertThat(r.code()).isEqualTo(DeadLetterReason.MALFORMED);
    assertThat(r.reason()).startsWith("not JSON");
    assertThat(r.payload()).isEqualTo(payload);
  }

  @Test
  void rejectsAnImplausibleValueNamingTheField() {
    String payload = reading("D-1", 21).replace("96.4", "512.0");

    Rejected r = (Rejected) json("readings", 0).map(TOPIC, bytes(payload)).get(0);

    assertThat(r.code()).isEqualTo(DeadLetterReason.INVALID);
    assertThat(r.reason()).contains("'avgSpeedKmh'").contains("512");
    assertThat(r.payload()).isEqualTo(bytes(payload));
  }

  @Test
  void anEmptyPayloadHoldsNoRecord() {
    assertThat(json("readings", 0).map(TOPIC, new byte[0])).isEmpty();
    assertThat(csv("readings", READING_COLUMNS, false, 0).map(TOPIC, new byte[0])).isEmpty();
  }

  @Test
  void mapsCsvLinesByTheColumnListSkippingTheHeaderAndBlankLines() {
    String payload = "sensor,time,interval,count,speed,occupancy\r\n"
        + "0042," + SEVEN_THIRTY + ",30,21,96.4,0.07\r\n"
        + "\r\n"
        + "D-2,2026-11-27T07:30:30Z,30,0,,\n";

    List<SourceRecord> records = csv("readings", READING_COLUMNS, true, 0).map(TOPIC, bytes(payload));

    assertThat(records).containsExactly(
        new Reading(new SensorReading("0042", SEVEN_THIRTY, 30, 21, 96.4, 0.07)),
        new Reading(new SensorReading("D-2", SEVEN_THIRTY + 30_000, 30, 0, null, null)));
  }

  @Test
  void rejectsACsvLineWithTheWrongNumberOfValuesOrABadValueAndKeepsTheOthers() {
    String payload = "D-1," + SEVEN_THIRTY + ",30,21,96.4,0.07\n"
        + "D-2," + SEVEN_THIRTY + ",30,21\n"
        + "D-3," + SEVEN_THIRTY + ",30,many,96.4,0.07\n";

    List<SourceRecord> records = csv("readings", READING_COLUMNS, false, 0).map(TOPIC, bytes(payload));

    assertThat(records).hasSize(3);
    assertThat(records.get(0)).isInstanceOf(Reading.class);
    Rejected short_ = (Rejected) records.get(1);
    assertThat(short_.location()).isEqualTo("topic " + TOPIC + ", line 2");
    assertThat(short_.code()).isEqualTo(DeadLetterReason.MALFORMED);
    assertThat(short_.reason()).startsWith("4 values for 6 columns");
    assertThat(short_.payload()).isEqualTo(bytes("D-2," + SEVEN_THIRTY + ",30,21"));
    Rejected word = (Rejected) records.get(2);
    assertThat(word.location()).isEqualTo("topic " + TOPIC + ", line 3");
    assertThat(word.code()).isEqualTo(DeadLetterReason.INVALID);
    assertThat(word.reason()).contains("'vehicleCount'").contains("many");
  }

  @Test
  void aLoneCsvLineIsPlacedByItsTopicAlone() {
    Rejected r = (Rejected) csv("readings", READING_COLUMNS, false, 0).map(TOPIC, bytes("D-1,now,30")).get(0);

    assertThat(r.location()).isEqualTo("topic " + TOPIC);
  }

  @Test
  void skipsColumnsNamedDashAndReadsQuotedValues() {
    List<String> columns = List.of("reportId", "source", "time", "kind", "status", "-", "segmentId", "description");
    String payload = "r-1,camera:CAM-7," + SEVEN_THIRTY + ",accident,OPEN,ignored,M1-E-07,\"two cars, left lanes\"";

    SourceRecord record = csv("reports", columns, false, 0).map("cameras/CAM-7/reports", bytes(payload)).get(0);

    assertThat(record).isInstanceOf(Report.class);
    assertThat(((Report) record).report().description()).isEqualTo("two cars, left lanes");
    assertThat(((Report) record).report().segmentId()).isEqualTo("M1-E-07");
  }

  @Test
  void takesTheIdFromTheTopicLevelForJsonAndCsv() {
    String withoutId = "{\"time\":" + SEVEN_THIRTY + ",\"intervalS\":30,\"vehicleCount\":5}";
    SourceRecord fromJson = json("readings", 2).map(TOPIC, bytes(withoutId)).get(0);
    SourceRecord fromCsv = csv("readings", List.of("time", "intervalS", "vehicleCount"), false, 2)
        .map(TOPIC, bytes(SEVEN_THIRTY + ",30,5")).get(0);

    assertThat(((Reading) fromJson).reading().sensorId()).isEqualTo("D-M1-E-01");
    assertThat(fromCsv).isEqualTo(fromJson);
  }

  @Test
  void rejectsAPayloadWhoseIdDisagreesWithTheTopicOrATopicWithoutTheLevel() {
    Rejected disagrees = (Rejected) json("readings", 2).map(TOPIC, bytes(reading("D-9", 5))).get(0);
    Rejected noLevel = (Rejected) json("readings", 2).map("sensors", bytes(reading("D-9", 5))).get(0);

    assertThat(disagrees.code()).isEqualTo(DeadLetterReason.INVALID);
    assertThat(disagrees.reason()).isEqualTo("field 'sensorId': \"D-9\" disagrees with topic level 2 'D-M1-E-01'");
    assertThat(noLevel.reason()).contains("topic level 2").contains("missing");
  }

  @Test
  void readsPositionsFromCsv() {
    List<String> columns = List.of("vehicleId", "time", "lat", "lon", "speedKmh");

    SourceRecord r = csv("positions", columns, false, 0)
        .map("probes/v-1", bytes("v-1," + SEVEN_THIRTY + ",51.9213,4.4512,97")).get(0);

    assertThat(r).isInstanceOf(Position.class);
    assertThat(((Position) r).position().lat()).isEqualTo(51.9213);
    assertThat(((Position) r).position().speedKmh()).isEqualTo(97.0);
  }

  private MqttPayloadMapper json(String emits, int idLevel) {
    return new MqttPayloadMapper(settings(emits, "json", null, idLevel), codec);
  }

  private MqttPayloadMapper csv(String emits, List<String> columns, boolean header, int idLevel) {
    return new MqttPayloadMapper(settings(emits, "csv", new MqttSettings.Csv(columns, header, null), idLevel), codec);
  }

  private static MqttSettings settings(String emits, String format, MqttSettings.Csv csv, int idLevel) {
    MqttSettings s = new MqttSettings(null, "test", null, null, null, null, List.of("sensors/+/reading"), null, null,
        emits, format, csv, idLevel, null, null);
    assertThat(s.problems("src")).as("test settings").isEmpty();
    return s;
  }

  private static String reading(String sensor, int count) {
    return "{\"sensorId\":\"" + sensor + "\",\"time\":" + SEVEN_THIRTY + ",\"intervalS\":30,\"vehicleCount\":" + count
        + ",\"avgSpeedKmh\":96.4,\"occupancy\":0.07}";
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
