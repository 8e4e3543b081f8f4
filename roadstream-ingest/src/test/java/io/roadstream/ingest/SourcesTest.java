package io.roadstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roadstream.core.config.ConfigException;
import io.roadstream.ingest.connect.Connector;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesTest {

  private static final String PEMS = "../../shared/data/pems/d04_text_station_5min_2022_10_04.csv";

  @TempDir Path state;

  @Test
  void makesOneConnectorPerSourceByItsType() {
    List<Connector> connectors = new Sources(state, Clock.systemUTC()).create(List.of(
        Map.of("type", "replay", "name", "pems-oct", "format", "pems", "files", List.of(PEMS), "speed", "60"),
        Map.of("type", "http-poll", "name", "nyc-speeds", "url", "https://data.cityofnewyork.us/resource/i4gi-tjb9.json",
            "mappingName", "nyc-dot-speed")));

    assertThat(connectors).extracting(Connector::name).containsExactly("pems-oct", "nyc-speeds");
  }

  @Test
  void reportsEveryProblemOfEverySourceByItsKey() {
    assertThatThrownBy(() -> new Sources(state, Clock.systemUTC()).create(List.of(
        Map.of("type", "replay", "name", "a", "format", "csv", "files", List.of("/no/such/file.csv")),
        Map.of("type", "ftp", "name", "b"),
        Map.of("type", "replay", "name", "c", "format", "pems", "files", List.of(PEMS), "sped", "60"),
        Map.of("type", "http-poll", "name", "d", "url", "not a url", "mappingName", "nyc-dot-speed"))))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).anySatisfy(p ->
                assertThat(p).startsWith("ingest.sources[0].format: must be one of pems, ngsim, datex2, jsonl"))
            .anySatisfy(p -> assertThat(p).isEqualTo("ingest.sources[0].files: cannot read '/no/such/file.csv'"))
            .anySatisfy(p -> assertThat(p).startsWith("ingest.sources[1].type: 'ftp' is not a kind of source"))
            .anySatisfy(p -> assertThat(p).startsWith("ingest.sources[2]: ").contains("\"sped\""))
            .anySatisfy(p -> assertThat(p).startsWith("ingest.sources[3].url")));
  }
}
