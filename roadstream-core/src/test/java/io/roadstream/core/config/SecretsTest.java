package io.roadstream.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {

  @Test
  void showsWhetherASecretIsSetButNeverWhatItIs() {
    assertThat(Secrets.mask("")).isEqualTo("none");
    assertThat(Secrets.mask("hunter2-hunter2-hunter2")).isEqualTo("***");
  }

  @Test
  void masksPasswordsInUrls() {
    assertThat(Secrets.maskUrl("amqp://guest:s3cret@127.0.0.1:5672/vhost"))
        .isEqualTo("amqp://guest:***@127.0.0.1:5672/vhost");
    assertThat(Secrets.maskUrl("jdbc:postgresql://db:5432/roads?user=rs&password=s3cret&sslmode=verify-full"))
        .isEqualTo("jdbc:postgresql://db:5432/roads?user=rs&password=***&sslmode=verify-full");
    assertThat(Secrets.maskUrl("jdbc:postgresql://db:5432/roads?sslmode=require")).isEqualTo(
        "jdbc:postgresql://db:5432/roads?sslmode=require");
    assertThat(Secrets.maskUrl("")).isEmpty();
  }

  @Test
  void masksSecretBearingClientProperties() {
    String props = "security.protocol=SASL_SSL;sasl.mechanism=PLAIN;"
        + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"rs\" "
        + "password=\"s3cret\";\nssl.truststore.password=changeit";
    String masked = Secrets.maskProperties(props);
    assertThat(masked).doesNotContain("s3cret", "changeit")
        .contains("security.protocol=SASL_SSL;", "sasl.mechanism=PLAIN;", "sasl.jaas.config=***;",
            "ssl.truststore.password=***");
  }

  @Test
  void noSettingPrintsItsSecrets() {
    RoadstreamConfig d = RoadstreamConfig.defaults();
    RoadstreamConfig withSecrets = new RoadstreamConfig(d.network(),
        new RoadstreamConfig.Kafka("b:9092", 4, "roadstream.", "", "sasl.jaas.config=x password=\"k-secret\""),
        new RoadstreamConfig.Postgres("jdbc:postgresql://db/r?password=u-secret", "rs", "p-secret", "roadstream", ""),
        d.pipeline(),
        new RoadstreamConfig.Server(8080, "r-secret-0123456789", "a-secret-0123456789", "", ""), d.simulator(),
        d.detection(),
        new RoadstreamConfig.Dispatch(List.of(new RoadstreamConfig.Dispatch.Webhook("ems", "https://ems/h",
            "w-secret")), List.of("accident"), 1000, d.dispatch().retry(),
            new RoadstreamConfig.Dispatch.RabbitMq("amqp://guest:q-secret@mq:5672", "x")),
        new RoadstreamConfig.Ingest("s", 1 << 20, new RoadstreamConfig.Ingest.Push("i-secret", 1024), List.of()),
        new RoadstreamConfig.Redis("redis://default:d-secret@redis:6379", "roadstream:", 300, 3600),
        new RoadstreamConfig.Archive("a", 1 << 20, 60, "zstd", new RoadstreamConfig.Archive.S3("b", "", "", "eu",
            false, "id", "s-secret", "")), d.history(),
        new RoadstreamConfig.Metrics(9464, "http://flink:f-secret@jobmanager:8081"));
    assertThat(withSecrets.toString()).doesNotContain("k-secret", "u-secret", "p-secret", "r-secret", "a-secret",
        "w-secret", "q-secret", "i-secret", "d-secret", "s-secret", "f-secret");
  }
}
