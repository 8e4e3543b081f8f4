package io.roadstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.app.kafka.TopicCreator;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.congestion.CongestionEventType;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import io.roadstream.testkit.TestConfigs;
import io.roadstream.testkit.TestPostgres;
import io.roadstream.testkit.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * {@code roadstream serve} end to end, in-process: the command as a user runs it, against the test's Kafka broker,
 * PostgreSQL and Redis, serves on /api/live what was produced to the derived topics, with the live view in Redis,
 * and stops cleanly when told to.
 */
@ExtendWith(KafkaTestBroker.class)
class ServeCommandIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void servesTheLivePictureFromRedisAndStopsCleanly(EmbeddedKafkaBroker broker, KafkaTestClients kafka)
      throws Exception {
    try (TestPostgres pg = TestPostgres.freshSchema("serve_command"); TestRedis redis = TestRedis.isolated("serve")) {
      RoadstreamConfig cfg = TestConfigs.isolated(broker.bootstrapServers(), "serve", Map.of());
      TopicCreator.ensure(KafkaClients.properties(cfg.kafka()), cfg.kafka().topics().all(), 2, (short) 1);
      LiveRecords records = new LiveRecords(cfg.kafka().topics());
      List<SegmentStats> stats = new ArrayList<>();
      for (int s = 1; s <= 5; s++) {
        stats.add(LiveRecords.stats("M1-E-0" + s, 0, 50 + s));
        stats.add(LiveRecords.stats("M1-E-0" + s, 1, 40 + s));
      }
      List<ProducerRecord<byte[], byte[]>> produce = new ArrayList<>();
      stats.forEach(s -> produce.add(records.record(s)));
      produce.add(records.record(LiveRecords.jam("jam-9", CongestionEventType.OPENED, 1, "M1-E-02")));
      kafka.produceRecords(produce);

      ServeCommand serve = new ServeCommand();
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new CommandLine(serve).execute(
          "--kafka", broker.bootstrapServers(), "--postgres", TestPostgres.JDBC_URL, "--redis", redis.uri(),
          "--port", "0", "--status-every", "PT1S",
          "--set", "kafka.topicPrefix=" + cfg.kafka().topicPrefix(), "--set", "postgres.user=" + TestPostgres.USER,
          "--set", "postgres.password=" + TestPostgres.PASSWORD, "--set", "postgres.schema=" + pg.schema(),
          "--set", "redis.keyPrefix=" + redis.prefix()));
      try {
        await("serve to listen").atMost(WAIT).until(() -> serve.port() > 0 || exit.isDone());
        assertThat(exit).as("serve ended early").isNotDone();
        LiveApi api = new LiveApi(serve.port());
        List<String> expected = LiveRecords.latest(stats).values().stream()
            .map(s -> s.segmentId() + "@" + Instant.ofEpochMilli(s.windowStart()) + "=" + s.avgSpeedKmh())
            .sorted().toList();
        await("the latest windows on /api/live").atMost(WAIT).pollInterval(Duration.ofMillis(250))
            .untilAsserted(() -> assertThat(api.liveSegments()).isEqualTo(expected));
        await("the jam in the picture").atMost(WAIT).pollInterval(Duration.ofMillis(250))
            .untilAsserted(() -> assertThat(api.pictureIds("jams", "jamId")).containsExactly("jam-9"));
        assertThat(api.get("/api/live/picture").get("source").asText()).isEqualTo("redis");
        assertThat(redis.keys()).contains(redis.prefix() + "segment:M1-E-01", redis.prefix() + "jam:jam-9");
      } finally {
        serve.stop();
      }
      assertThat(exit.get(30, TimeUnit.SECONDS)).as("exit code").isZero();
    }
  }
}
