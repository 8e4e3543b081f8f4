package io.roadstream.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roadstream.core.event.SensorReading;
import io.roadstream.ingest.connect.SourceRecord;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The bundled mappings on realistic responses of the APIs they are for (test resources under /http). */
class BundledMappingsTest {

  private static final long FETCHED = Instant.parse("2026-03-02T07:30:00Z").toEpochMilli();

  private final MappingLibrary library = new MappingLibrary();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void tomtomFlowSegmentBecomesOneReadingForTheConfiguredSensor() throws Exception {
    RecordMapping mapping = RecordMapping.compile(library.load("tomtom-flow-segment", "mappingName"),
        Map.of("sensorId", "tomtom-A10-west-km12"));

    List<SourceRecord> records = mapAll(mapping, "/http/tomtom-flow-segment.json", 120);

    assertThat(records).hasSize(1);
    SensorReading r = ((SourceRecord.Reading) records.get(0)).reading();
    assertThat(r.sensorId()).isEqualTo("tomtom-A10-west-km12");
    assertThat(r.time()).as("the response has no time: the fetch time").isEqualTo(FETCHED);
    assertThat(r.intervalSeconds()).as("a snapshot stands for the poll interval").isEqualTo(120);
    assertThat(r.avgSpeedKmh()).isEqualTo(41.0);
    assertThat(r.vehicleCount()).as("a speed-only source: no count, not 0 vehicles").isNull();
    assertThat(r.occupancy()).isNull();
  }

  @Test
  void nycDotSpeedsBecomeReadingsInKmhAtUtcTimes() throws Exception {
    RecordMapping mapping = RecordMapping.compile(library.load("nyc-dot-speed", "mappingName"), Map.of());

    List<SourceRecord> records = mapAll(mapping, "/http/nyc-dot-speed.json", 300);

    assertThat(records).hasSize(5).allMatch(r -> r instanceof SourceRecord.Reading);
    SensorReading first = ((SourceRecord.Reading) records.get(0)).reading();
    assertThat(first.sensorId()).isEqualTo("nycdot-1");
    assertThat(first.avgSpeedKmh()).as("\"37.28\" mph").isCloseTo(59.996, Offset.offset(0.001));
    assertThat(first.time()).as("10:33:03 in New York in May is 14:33:03 UTC (EDT)")
        .isEqualTo(Instant.parse("2024-05-14T14:33:03Z").toEpochMilli());
    assertThat(first.intervalSeconds()).isEqualTo(300);
    assertThat(records).extracting(r -> ((SourceRecord.Reading) r).reading().sensorId())
        .containsExactly("nycdot-1", "nycdot-2", "nycdot-3", "nycdot-4", "nycdot-5");
  }

  private List<SourceRecord> mapAll(RecordMapping mapping, String resource, int interval) throws Exception {
    JsonNode page;
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      page = json.readTree(in);
    }
    return mapping.records(page).orElseThrow().stream()
        .map(r -> mapping.map(r, FETCHED, interval, "sample")).toList();
  }
}
