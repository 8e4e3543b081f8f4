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
  void serverTokensAreHardToGuessAndDistinct() {
    RoadstreamConfig config = loader.load(null, Map.of("ROADSTREAM_SERVER_ADMIN_TOKEN", "adm-0123456789abcdef"),
        Map.of("server.readToken", "read-0123456789abcdef"));
    assertThat(config.server().readToken()).isEqualTo("read-0123456789abcdef");
    assertThat(config.server().adminToken()).isEqualTo("adm-0123456789abcdef");

    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("server.adminToken", "admin")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("server.adminToken: must be empty (off) or 16..512");
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("server.readToken", "has spaces in it, sixteen+")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("server.readToken");
    assertThatThrownBy(() -> loader.load(null, Map.of(),
        Map.of("server.readToken", "same-0123456789abcdef", "server.adminToken", "same-0123456789abcdef")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("server.adminToken: must differ");
  }

  @Test
  void aJaasConfigurationKeepsTheSemicolonKafkaRequires() {
    String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"rs\" password=\"a;b\";";
    RoadstreamConfig config = loader.load(null, Map.of("ROADSTREAM_KAFKA_CLIENT_PROPERTIES",
        "security.protocol=SASL_SSL;sasl.jaas.config=" + jaas + "\nssl.truststore.type=PEM; sasl.mechanism=PLAIN"),
        Map.of());

    assertThat(config.kafka().clientPropertiesMap()).containsExactly(Map.entry("security.protocol", "SASL_SSL"),
        Map.entry("sasl.jaas.config", jaas), Map.entry("ssl.truststore.type", "PEM"),
        Map.entry("sasl.mechanism", "PLAIN"));
    // the separator may take the JAAS configuration's own ';': it is put back
    assertThat(new RoadstreamConfig.Kafka("", 1, "", "", "sasl.jaas.config=" + jaas + ";security.protocol=SASL_SSL")
        .clientPropertiesMap()).containsEntry("sasl.jaas.config", jaas);
  }

  @Test
  void aTileUrlIsOptionalAndMustBeALeafletTemplate() {
    assertThat(loader.load(null, Map.of(), Map.of()).server().tileUrl()).isEmpty();
    assertThat(loader.load(null, Map.of("ROADSTREAM_SERVER_TILE_URL", "https://{s}.tile.example/{z}/{x}/{y}{r}.png"),
        Map.of("server.tileAttribution", "© OpenStreetMap contributors")).server())
        .isEqualTo(new RoadstreamConfig.Server(8080, "", "", "https://{s}.tile.example/{z}/{x}/{y}{r}.png",
            "© OpenStreetMap contributors"));
    assertThat(loader.load(null, Map.of(), Map.of("server.tileUrl", "/tiles/{z}/{x}/{y}.png")).server().tileUrl())
        .isEqualTo("/tiles/{z}/{x}/{y}.png");

    for (String bad : new String[] {"tile.example/{z}/{x}/{y}.png", "https://tile.example/{z}/{x}.png",
        "ftp://tile.example/{z}/{x}/{y}.png", "//tile.example/{z}/{x}/{y}.png", "https://tile example/{z}/{x}/{y}"}) {
      assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("server.tileUrl", bad)))
          .as(bad).isInstanceOf(ConfigException.class)
          .hasMessageContaining("server.tileUrl: must be empty (no tiles) or an http(s):// URL or a /path with {z}");
    }
  }

  @Test
  void clientPropertiesAreKeyValuePairs() {
    RoadstreamConfig config = loader.load(null, Map.of(),
        Map.of("kafka.clientProperties", "security.protocol=SASL_SSL; sasl.mechanism=PLAIN"));

    assertThat(config.kafka().clientPropertiesMap())
        .containsExactly(Map.entry("security.protocol", "SASL_SSL"), Map.entry("sasl.mechanism", "PLAIN"));
  }

  @Test
  void webhooksComeFromTheFileAndListsFromTheEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("roadstream.yaml");
    Files.writeString(file, """
        dispatch:
          webhooks:
            - name: ems
              url: https://ems.example/hooks/roadstream
              token: s3cret
            - {name: ops, url: "http://127.0.0.1:9000/incidents"}
          retry:
            maxAttempts: 5
        """);

    RoadstreamConfig config = loader.load(file, Map.of("ROADSTREAM_DISPATCH_KINDS", "accident, stalled-vehicle",
        "ROADSTREAM_DISPATCH_RABBITMQ_URI", "amqp://guest:guest@127.0.0.1:5672"), Map.of());

    assertThat(config.dispatch().webhooks()).containsExactly(
        new RoadstreamConfig.Dispatch.Webhook("ems", "https://ems.example/hooks/roadstream", "s3cret"),
        new RoadstreamConfig.Dispatch.Webhook("ops", "http://127.0.0.1:9000/incidents", ""));
    assertThat(config.dispatch().webhooks().get(0).toString()).doesNotContain("s3cret");
    assertThat(config.dispatch().kinds()).containsExactly("accident", "stalled-vehicle");
    assertThat(config.dispatch().retry()).isEqualTo(new RoadstreamConfig.Dispatch.Retry(5, 500, 60_000, 2.0));
    assertThat(config.dispatch().rabbitmq().uri()).isEqualTo("amqp://guest:guest@127.0.0.1:5672");
    assertThat(config.dispatch().rabbitmq().exchange()).isEqualTo("roadstream.alerts");
  }

  @Test
  void aWebhookFlagIsAYamlList() {
    RoadstreamConfig config = loader.load(null, Map.of(),
        Map.of("dispatch.webhooks", "[{name: ems, url: 'http://127.0.0.1:9000/x', token: t}]"));

    assertThat(config.dispatch().webhooks())
        .containsExactly(new RoadstreamConfig.Dispatch.Webhook("ems", "http://127.0.0.1:9000/x", "t"));
  }

  @Test
  void badDispatchSettingsNameTheKey() {
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("dispatch.webhooks", "[{name: ems, url: ftp://x}]")))
        .hasMessageContaining("dispatch.webhooks[0].url: must be an absolute http:// or https:// URL");
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("dispatch.webhooks",
        "[{name: a, url: 'http://h/1'}, {name: a, url: 'http://h/2'}]")))
        .hasMessageContaining("dispatch.webhooks[1].name: 'a' is used twice");
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("dispatch.retry.maxBackoffMs", "10")))
        .hasMessageContaining("dispatch.retry.maxBackoffMs: must be at least dispatch.retry.initialBackoffMs");
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("dispatch.rabbitmq.uri", "localhost:5672")))
        .hasMessageContaining("dispatch.rabbitmq.uri");
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("dispatch.webhooks", "[{name: a, uri: 'http://h'}]")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("uri");
  }

  @Test
  void redisIsOffByDefaultAndItsSettingsAreChecked() {
    RoadstreamConfig defaults = loader.load(null, Map.of(), Map.of());
    assertThat(defaults.redis().uri()).isEmpty();
    assertThat(defaults.redis().keyPrefix()).isEqualTo("roadstream:");

    RoadstreamConfig config = loader.load(null, Map.of("ROADSTREAM_REDIS_URI", "redis://:s3cret@cache:6380/2"),
        Map.of("redis.ttlSeconds", "180", "redis.keyPrefix", "{rs}:"));
    assertThat(config.redis().uri()).isEqualTo("redis://:s3cret@cache:6380/2");
    assertThat(config.redis().ttlSeconds()).isEqualTo(180);
    assertThat(config.redis().toString()).doesNotContain("s3cret").contains("cache:6380");

    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("redis.uri", "cache:6379")))
        .hasMessageContaining("redis.uri: must be empty (no Redis) or a redis:// or rediss:// URI with a host");
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("redis.keyPrefix", "")))
        .hasMessageContaining("redis.keyPrefix");
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("redis.ttlSeconds", "0")))
        .hasMessageContaining("redis.ttlSeconds: must be at least 1");
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("redis.episodeTtlSeconds", "-5")))
        .hasMessageContaining("redis.episodeTtlSeconds: must be at least 1");
  }

  @Test
  void theArchiveIsALocalDirectoryByDefaultAndAnS3BucketByConfiguration(@TempDir Path dir) throws Exception {
    assertThat(loader.load(null, Map.of(), Map.of()).archive().location()).isEqualTo(".roadstream/archive");

    Path file = dir.resolve("roadstream.yaml");
    Files.writeString(file, """
        archive:
          rollIntervalSeconds: 60
          s3:
            bucket: traffic-archive
            prefix: roadstream/raw
            endpoint: http://127.0.0.1:9000
            pathStyle: true
            accessKeyId: roadstream
        """);
    RoadstreamConfig config = loader.load(file,
        Map.of("ROADSTREAM_ARCHIVE_S3_SECRET_ACCESS_KEY", "very-secret"), Map.of("archive.compression", "snappy"));

    RoadstreamConfig.Archive archive = config.archive();
    assertThat(archive.location()).isEqualTo("s3://traffic-archive/roadstream/raw");
    assertThat(archive.rollIntervalSeconds()).isEqualTo(60);
    assertThat(archive.compression()).isEqualTo("snappy");
    assertThat(archive.s3().pathStyle()).isTrue();
    assertThat(archive.s3().secretAccessKey()).isEqualTo("very-secret");
    assertThat(archive.toString()).as("what a log line would show").doesNotContain("very-secret");
  }

  @Test
  void badArchiveSettingsNameTheKey() {
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("archive.compression", "lz4")))
        .hasMessageContaining("archive.compression: must be one of zstd, snappy, gzip, none");
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("archive.s3.bucket", "Traffic_Archive")))
        .hasMessageContaining("archive.s3.bucket");
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("archive.s3.bucket", "traffic",
        "archive.s3.accessKeyId", "id")))
        .hasMessageContaining("archive.s3.accessKeyId: give both archive.s3.accessKeyId and archive.s3.secretAccessKey");
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("archive.s3.endpoint", "127.0.0.1:9000")))
        .hasMessageContaining("archive.s3.endpoint");
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("archive.s3.prefix", "/raw/")))
        .hasMessageContaining("archive.s3.prefix");
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("archive.rollBytes", "10")))
        .hasMessageContaining("archive.rollBytes: must be at least 1024");
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("archive.dir", "")))
        .hasMessageContaining("archive.dir");
  }

  @Test
  void metricsEndpointIsOffByDefaultAndItsSettingsAreChecked() {
    RoadstreamConfig defaults = loader.load(null, Map.of(), Map.of());
    assertThat(defaults.metrics().port()).isZero();
    assertThat(defaults.metrics().flinkRestUrl()).isEmpty();

    RoadstreamConfig config = loader.load(null, Map.of("ROADSTREAM_METRICS_FLINK_REST_URL", "http://jobmanager:8081"),
        Map.of("metrics.port", "9464"));
    assertThat(config.metrics().port()).isEqualTo(9464);
    assertThat(config.metrics().flinkRestUrl()).isEqualTo("http://jobmanager:8081");

    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("metrics.port", "70000")))
        .hasMessageContaining("metrics.port: must be 0..65535 (0 = off)");
    assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("metrics.flinkRestUrl", "jobmanager:8081")))
        .hasMessageContaining("metrics.flinkRestUrl: must be empty (no Flink metrics) or the JobManager's REST address");
  }
}
