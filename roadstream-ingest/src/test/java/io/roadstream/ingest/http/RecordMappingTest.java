package io.roadstream.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.roadstream.core.config.ConfigException;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.IncidentReport;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import io.roadstream.ingest.connect.SourceRecord;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RecordMappingTest {

  private static final long FETCHED = Instant.parse("2026-03-02T07:30:00Z").toEpochMilli();
  private static final String WHERE = "GET https://api.example/flow page 1, record 1";

  private final ObjectMapper json = new ObjectMapper();
  private final YAMLMapper yaml = new YAMLMapper();

  @Test
  void convertsUsUnitsAndRatesIntoRoadstreamUnits() throws Exception {
    RecordMapping mapping = mapping("""
        emits: readings
        records: /stations
        fields:
          sensorId: {template: "{$agency}-{/id}"}
          time: {pointer: /ts, format: epoch-s}
          intervalSeconds: {pointer: /period, unit: min}
          vehicleCount: {pointer: /flow, unit: veh/h}
          avgSpeedKmh: {pointer: /speed, unit: mph}
          occupancy: {pointer: /occ, unit: percent}
        """, Map.of("agency", "caltrans"));

    JsonNode page = json.readTree("""
        {"stations": [{"id": 400123, "ts": 1772436600, "period": "0.5", "flow": 1200, "speed": 62.5, "occ": 8.5}]}""");
    SourceRecord r = mapping.map(mapping.records(page).orElseThrow().get(0), FETCHED, 60, WHERE);

    SensorReading reading = ((SourceRecord.Reading) r).reading();
    assertThat(reading.sensorId()).isEqualTo("caltrans-400123");
    assertThat(reading.time()).isEqualTo(Instant.parse("2026-03-02T07:30:00Z").toEpochMilli());
    assertThat(reading.intervalSeconds()).isEqualTo(30);
    assertThat(reading.vehicleCount()).as("1200 veh/h over 30 s").isEqualTo(10);
    assertThat(reading.avgSpeedKmh()).isCloseTo(100.584, Offset.offset(1e-9));
    assertThat(reading.occupancy()).isCloseTo(0.085, Offset.offset(1e-12));
  }

  @Test
  void readsPositionsWithFeetAndMetresPerSecond() throws Exception {
    RecordMapping mapping = mapping("""
        emits: positions
        records: ""
        fields:
          vehicleId: {pointer: /bus}
          time: {pointer: /at, format: epoch-ms}
          segmentId: {constant: M1-E-03}
          offsetM: {pointer: /distFt, unit: ft}
          speedKmh: {pointer: /v, unit: m/s}
          headingDeg: {pointer: /bearing}
        """, Map.of());

    SourceRecord r = mapping.map(json.readTree("""
        {"bus": "B-7", "at": 1772436600000, "distFt": 1000, "v": 12.5, "bearing": 90}"""), FETCHED, 60, WHERE);

    ProbePosition p = ((SourceRecord.Position) r).position();
    assertThat(p.vehicleId()).isEqualTo("B-7");
    assertThat(p.offsetM()).isCloseTo(304.8, Offset.offset(1e-9));
    assertThat(p.speedKmh()).isCloseTo(45.0, Offset.offset(1e-9));
    assertThat(p.segmentId()).isEqualTo("M1-E-03");
  }

  @Test
  void translatesAnApisIncidentVocabulary() throws Exception {
    RecordMapping mapping = mapping(reportMapping(), Map.of());

    SourceRecord r = mapping.map(json.readTree("""
        {"id": 991, "type": "CRASH", "state": "active", "when": "02/03/2026 08:30", "lat": 48.85, "lon": 2.35,
         "text": "two cars, right lane"}"""), FETCHED, 60, WHERE);

    IncidentReport report = ((SourceRecord.Report) r).report();
    assertThat(report.reportId()).isEqualTo("paris-991");
    assertThat(report.kind()).isEqualTo("accident");
    assertThat(report.status()).isEqualTo(IncidentReport.OPEN);
    assertThat(report.source()).isEqualTo("api:paris");
    assertThat(report.time()).as("08:30 in Paris is 07:30 UTC in winter")
        .isEqualTo(Instant.parse("2026-03-02T07:30:00Z").toEpochMilli());
  }

  @Test
  void rejectsAValueOutsideTheTranslationNamingTheField() throws Exception {
    RecordMapping mapping = mapping(reportMapping(), Map.of());

    SourceRecord r = mapping.map(json.readTree("""
        {"id": 992, "type": "UFO", "state": "active", "when": "02/03/2026 08:30", "lat": 48.85, "lon": 2.35}"""),
        FETCHED, 60, WHERE);

    assertThat(r).isInstanceOfSatisfying(SourceRecord.Rejected.class, rej -> {
      assertThat(rej.code()).isEqualTo(DeadLetterReason.INVALID);
      assertThat(rej.reason()).startsWith("field 'kind' (/type)").contains("\"UFO\"").contains("CRASH");
      assertThat(rej.location()).isEqualTo(WHERE);
      assertThat(new String(rej.payload())).contains("UFO");
    });
  }

  @Test
  void rejectsALocalTimeWhenNoZoneIsConfigured() throws Exception {
    RecordMapping mapping = mapping("""
        emits: readings
        fields:
          sensorId: {pointer: /id}
          time: {pointer: /t}
          vehicleCount: {pointer: /n}
        """, Map.of());

    SourceRecord r = mapping.map(json.readTree("{\"id\": \"a\", \"t\": \"2026-03-02T07:30:00\", \"n\": 3}"),
        FETCHED, 60, WHERE);

    assertThat(((SourceRecord.Rejected) r).reason()).startsWith("field 'time' (/t): expected an ISO-8601 time with"
        + " an offset");
  }

  @Test
  void rejectsMissingRequiredFieldsAndWrongTypesNamingTheField() throws Exception {
    RecordMapping mapping = mapping("""
        emits: readings
        fields:
          sensorId: {pointer: /id}
          time: {pointer: /t}
          vehicleCount: {pointer: /n}
          avgSpeedKmh: {pointer: /v}
        """, Map.of());

    SourceRecord missing = mapping.map(json.readTree("{\"t\": \"2026-03-02T07:30:00Z\", \"n\": 3}"), FETCHED, 60,
        WHERE);
    SourceRecord wrongType = mapping.map(json.readTree(
        "{\"id\": \"a\", \"t\": \"2026-03-02T07:30:00Z\", \"n\": 3, \"v\": \"fast\"}"), FETCHED, 60, WHERE);
    SourceRecord fraction = mapping.map(json.readTree(
        "{\"id\": \"a\", \"t\": \"2026-03-02T07:30:00Z\", \"n\": 2.5}"), FETCHED, 60, WHERE);

    assertThat(((SourceRecord.Rejected) missing).reason())
        .isEqualTo("field 'sensorId' (/id): missing (the record has: t, n)");
    assertThat(((SourceRecord.Rejected) wrongType).reason())
        .isEqualTo("field 'avgSpeedKmh' (/v): expected a number, got \"fast\"");
    assertThat(((SourceRecord.Rejected) fraction).reason())
        .isEqualTo("field 'vehicleCount' (/n): expected an integer, got 2.5");
  }

  @Test
  void rejectsAnImplausibleEventWithTheCodecsReason() throws Exception {
    RecordMapping mapping = mapping("""
        emits: readings
        fields:
          sensorId: {pointer: /id}
          time: {pointer: /t}
          vehicleCount: {constant: 0}
          avgSpeedKmh: {pointer: /v, unit: mph}
        """, Map.of());

    SourceRecord r = mapping.map(json.readTree("{\"id\": \"a\", \"t\": \"2026-03-02T07:30:00Z\", \"v\": 400}"),
        FETCHED, 60, WHERE);

    assertThat(((SourceRecord.Rejected) r).reason()).contains("'avgSpeedKmh'").contains("plausible range");
  }

  @Test
  void findsRecordsInAnArrayAnObjectOrNowhere() throws Exception {
    RecordMapping array = mapping("emits: readings\nrecords: /a\nfields: " + minimalReading(), Map.of());
    RecordMapping object = mapping("emits: readings\nrecords: /o\nfields: " + minimalReading(), Map.of());

    JsonNode page = json.readTree("{\"a\": [{}, {}], \"o\": {}}");
    assertThat(array.records(page)).hasValueSatisfying(l -> assertThat(l).hasSize(2));
    assertThat(object.records(page)).hasValueSatisfying(l -> assertThat(l).hasSize(1));
    assertThat(array.records(json.readTree("{\"error\": \"quota\"}"))).isEmpty();
  }

  @Test
  void namesEveryProblemOfAMappingByItsKey() throws Exception {
    MappingSpec spec = yaml.readValue("""
        emits: readings
        records: items
        fields:
          sensorId: {template: "{$station}-{id}"}
          time: {pointer: /t, zone: Mars/Olympus}
          vehicleCount: {pointer: /n}
          avgSpeedKmh: {pointer: /v, unit: ft}
          color: {pointer: /c}
        """, MappingSpec.class);

    assertThat(RecordMapping.problems(spec, Set.of(), "ingest.sources[1].mapping")).containsExactly(
        "ingest.sources[1].mapping.records: must be a JSON Pointer (empty for the page itself, else /a/b), got 'items'",
        "ingest.sources[1].mapping.fields.color: readings have no such field (they have [sensorId, time,"
            + " intervalSeconds, vehicleCount, avgSpeedKmh, occupancy])",
        "ingest.sources[1].mapping.fields.sensorId: '{id}' is neither a JSON Pointer ({/a/b}) nor a variable"
            + " ({$name})",
        "ingest.sources[1].mapping.fields.time: zone 'Mars/Olympus' is not a time zone id such as America/New_York"
            + " or UTC",
        "ingest.sources[1].mapping.fields.avgSpeedKmh: unit 'ft' does not apply here; use one of [km/h, mph, m/s]");
    assertThatThrownBy(() -> RecordMapping.compile(spec, Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("mapping.fields.time: zone 'Mars/Olympus' is not a time zone id");
  }

  private RecordMapping mapping(String yamlText, Map<String, String> vars) throws Exception {
    return RecordMapping.compile(yaml.readValue(yamlText, MappingSpec.class), vars);
  }

  private static String minimalReading() {
    return "{sensorId: {pointer: /id}, time: {fetchTime: true}, vehicleCount: {constant: 0}}";
  }

  private static String reportMapping() {
    return """
        emits: reports
        fields:
          reportId: {template: "paris-{/id}"}
          source: {constant: "api:paris"}
          time: {pointer: /when, format: "dd/MM/yyyy HH:mm", zone: Europe/Paris}
          kind: {pointer: /type, values: {CRASH: accident, WORKS: roadworks, BREAKDOWN: breakdown}}
          status: {pointer: /state, values: {active: OPEN, cleared: CLOSED}}
          lat: {pointer: /lat}
          lon: {pointer: /lon}
          description: {pointer: /text}
        """;
  }
}
