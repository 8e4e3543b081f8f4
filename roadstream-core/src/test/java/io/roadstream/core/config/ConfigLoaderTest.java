package io.roadstream.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void defaultsNeedNoFile() {
    RoadstreamConfig config = loader.load(null, Map.of(), Map.of());

    assertThat(config).isEqualTo(RoadstreamConfig.defaults());
    assertThat(config.kafka().topics().segmentStats()).isEqualTo("roadstream.segment-stats");
  }

  @Test
  void fileThenEnvironmentThenFlags(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("roadstream.yaml");
    Files.writeString(file, """
        kafka:
          bootstrap: broker-a:9092
          partitions: 8
        server:
          port: 9000
        """);

    RoadstreamConfig config = loader.load(file,
        Map.of("ROADSTREAM_KAFKA_PARTITIONS", "12", "ROADSTREAM_PIPELINE_WINDOW_SECONDS", "30"),
        Map.of("server.port", "9100"));

    assertThat(config.kafka().bootstrap()).isEqualTo("broker-a:9092");
    assertThat(config.kafka().partitions()).isEqualTo(12);
    assertThat(config.pipeline().windowSeconds()).isEqualTo(30);
    assertThat(config.server().port()).isEqualTo(9100);
  }

  @Test
  void environmentNamesFollowTheYamlPath() {
    assertThat(ConfigLoader.environmentName("kafka.topicPrefix")).isEqualTo("ROADSTREAM_KAFKA_TOPIC_PREFIX");
    assertThat(ConfigLoader.environmentName("network")).isEqualTo("ROADSTREAM_NETWORK");
  }

  @Test
  void unknownKeysAndBadValuesNameTheKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("roadstream.yaml");
    Files.writeString(file, "kafka:\n  partitons: 8\n");

    assertThatThrownBy(() -> loader.load(file, Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("kafka.partitons: no such setting");
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("server.port", "http")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("port");
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("server.port", "70000")))
        .hasMessageContaining("server.port: must be 0..65535");
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("pipeline.deliveryGuarantee", "maybe")))
        .hasMessageContaining("pipeline.deliveryGuarantee: must be exactly-once, at-least-once or none");
  }

  @Test
  void clientPropertiesAreKeyValuePairs() {
    RoadstreamConfig config = loader.load(null, Map.of(),
        Map.of("kafka.clientProperties", "security.protocol=SASL_SSL; sasl.mechanism=PLAIN"));

    assertThat(config.kafka().clientPropertiesMap())
        .containsExactly(Map.entry("security.protocol", "SASL_SSL"), Map.entry("sasl.mechanism", "PLAIN"));
  }
}
