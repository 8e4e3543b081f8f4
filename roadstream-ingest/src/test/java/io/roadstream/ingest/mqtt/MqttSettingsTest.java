package io.roadstream.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roadstream.core.config.ConfigException;
import io.roadstream.ingest.connect.EventKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MqttSettingsTest {

  @Test
  void readsAConfiguredSourceWithDefaultsForWhatItLeavesOut() {
    MqttSettings s = MqttSettings.parse(source(), "ingest.sources[0]");

    assertThat(s.brokerUri()).isEqualTo("tcp://127.0.0.1:1883");
    assertThat(s.clientId()).isEqualTo("roadstream-loops");
    assertThat(s.qos()).isEqualTo(1);
    assertThat(s.cleanSession()).isFalse();
    assertThat(s.format()).isEqualTo("json");
    assertThat(s.kind()).isEqualTo(EventKind.READINGS);
    assertThat(s.idFromTopicLevel()).isZero();
  }

  @Test
  void readsTheCsvMapping() {
    Map<String, Object> source = source();
    source.put("format", "csv");
    source.put("idFromTopicLevel", 2);
    source.put("csv", Map.of("columns", List.of("time", "intervalS", "vehicleCount", "-"), "header", true));

    MqttSettings s = MqttSettings.parse(source, "ingest.sources[0]");

    assertThat(s.csv().columns()).containsExactly("time", "intervalS", "vehicleCount", "-");
    assertThat(s.csv().header()).isTrue();
    assertThat(s.csv().separator()).isEqualTo(",");
  }

  @Test
  void namesEveryKeyAtFault() {
    Map<String, Object> source = source();
    source.put("topics", List.of("sensors/+/reading", "sensors/a#", "sensors/x+/b"));
    source.put("qos", 2);
    source.put("emits", "speeds");
    source.put("brokerUri", "http://broker");
    source.put("password", "s3cret");

    assertThatThrownBy(() -> MqttSettings.parse(source, "ingest.sources[1]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ingest.sources[1].topics[1]: 'sensors/a#': '#' must be a whole level")
        .hasMessageContaining("ingest.sources[1].topics[2]: 'sensors/x+/b': '+' must be a whole level")
        .hasMessageContaining("ingest.sources[1].qos: must be 0 or 1")
        .hasMessageContaining("ingest.sources[1].emits: must be readings, positions or reports, got 'speeds'")
        .hasMessageContaining("ingest.sources[1].brokerUri: must be tcp://host:port")
        .hasMessageContaining("ingest.sources[1].password: needs a username")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void namesAnUnknownKey() {
    Map<String, Object> source = source();
    source.put("topic", "sensors/#");

    assertThatThrownBy(() -> MqttSettings.parse(source, "ingest.sources[0]"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.sources[0]").hasMessageContaining("topic");
  }

  @Test
  void checksTheCsvColumnsAgainstTheEventsFields() {
    Map<String, Object> source = source();
    source.put("format", "csv");
    source.put("csv", Map.of("columns", List.of("time", "count", "time")));

    assertThat(MqttSettings.from(source, "x").problems("s")).containsExactlyInAnyOrder(
        "s.csv.columns[1]: 'count' is not a field of readings (fields: sensorId, time, intervalS, vehicleCount, "
            + "avgSpeedKmh, occupancy; '-' skips a column)",
        "s.csv.columns[2]: 'time' appears twice",
        "s.csv.columns: must hold sensorId, or set idFromTopicLevel to take it from the topic");
  }

  @Test
  void refusesAnIdLevelThatATopicFilterDoesNotHave() {
    Map<String, Object> source = source();
    source.put("idFromTopicLevel", 4);
    source.put("topics", List.of("sensors/+/reading", "loops/#"));

    assertThat(MqttSettings.from(source, "x").problems("s"))
        .containsExactly("s.topics[0]: 'sensors/+/reading' has no level 4 (idFromTopicLevel)");
  }

  @Test
  void neverPrintsThePassword() {
    Map<String, Object> source = source();
    source.put("username", "bridge");
    source.put("password", "s3cret");

    assertThat(MqttSettings.parse(source, "x").toString()).contains("username=bridge").contains("password=***")
        .doesNotContain("s3cret");
  }

  private static Map<String, Object> source() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "mqtt");
    m.put("name", "loops");
    m.put("topics", List.of("sensors/+/reading"));
    m.put("emits", "readings");
    return m;
  }
}
