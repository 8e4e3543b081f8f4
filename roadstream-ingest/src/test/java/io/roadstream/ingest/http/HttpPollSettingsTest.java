package io.roadstream.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roadstream.core.config.ConfigException;
import org.junit.jupiter.api.Test;

class HttpPollSettingsTest {

  private static final String PATH = "ingest.sources[1]";

  private final HttpPollSettingsReader reader = new HttpPollSettingsReader();

  @Test
  void readsACompleteSourceAndFillsDefaults() {
    HttpPollSettings s = reader.read("""
        type: http-poll
        name: nyc-speeds
        url: https://data.cityofnewyork.us/resource/i4gi-tjb9.json
        headers: {X-App-Token: abc123}
        query: {$order: "data_as_of,id"}
        mappingName: nyc-dot-speed
        pagination: {type: offset, limitParam: $limit, offsetParam: $offset, pageSize: 1000}
        incremental: {param: $where, field: /data_as_of, format: "data_as_of >= '{mark}'"}
        dedupKey: "{/id}"
        """, PATH);

    assertThat(s.intervalSeconds()).isEqualTo(60);
    assertThat(s.timeoutMs()).isEqualTo(10_000);
    assertThat(s.maxPagesPerPoll()).isEqualTo(100);
    assertThat(s.retry().maxAttempts()).isEqualTo(5);
    assertThat(s.pagination().pageSize()).isEqualTo(1000);
    assertThat(s.incremental().format()).isEqualTo("data_as_of >= '{mark}'");
    assertThat(s.toString()).contains("X-App-Token").doesNotContain("abc123");
  }

  @Test
  void rejectsAnUnknownKeyNamingIt() {
    assertThatThrownBy(() -> reader.read("""
        name: a
        url: https://api.example/flow
        mappingName: nyc-dot-speed
        pagination: {type: cursor, cursor: /next, cursorParm: after}
        """, PATH)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("ingest.sources[1].pagination.cursorParm: Unrecognized field \"cursorParm\"");
  }

  @Test
  void namesEveryBadValueByItsKey() {
    assertThatThrownBy(() -> reader.read("""
        type: http-poll
        name: "../etc"
        url: ftp://files.example/x
        intervalSeconds: 0
        emits: positions
        mappingName: tomtom-flow-segment
        pagination: {type: cursor}
        incremental: {param: since, field: updated, format: "after"}
        retry: {maxAttempts: 0}
        """, PATH)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("ingest.sources[1].name: must be 1..100 letters")
        .hasMessageContaining("ingest.sources[1].url: must be an absolute http(s) URL")
        .hasMessageContaining("ingest.sources[1].intervalSeconds: must be at least 1")
        .hasMessageContaining("ingest.sources[1].pagination.cursor: must be a JSON Pointer")
        .hasMessageContaining("ingest.sources[1].pagination.cursorParam: must name the query parameter")
        .hasMessageContaining("ingest.sources[1].incremental.field: must be a JSON Pointer")
        .hasMessageContaining("ingest.sources[1].incremental.format: must contain {mark}")
        .hasMessageContaining("ingest.sources[1].retry.maxAttempts: must be at least 1")
        .hasMessageContaining("ingest.sources[1].mappingName (tomtom-flow-segment).fields.sensorId: refers to the"
            + " variable {$sensorId}, which the source's vars do not set")
        .hasMessageContaining("ingest.sources[1].mappingName (tomtom-flow-segment).emits: is 'readings' but the"
            + " source says emits: positions");
  }

  @Test
  void wantsExactlyOneMapping() {
    assertThatThrownBy(() -> reader.read("name: a\nurl: https://api.example/flow\n", PATH))
        .hasMessageContaining("ingest.sources[1].mapping: give either mapping (inline) or mappingName");
  }

  @Test
  void namesAMappingThatIsNeitherBundledNorAFile() {
    assertThatThrownBy(() -> reader.read("name: a\nurl: https://api.example/flow\nmappingName: here-flow\n", PATH))
        .hasMessageContaining("ingest.sources[1].mappingName: mapping 'here-flow' is neither a bundled mapping"
            + " (tomtom-flow-segment, nyc-dot-speed) nor a readable file");
  }
}
