package io.roadstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.app.kafka.TopicCreator;
import io.roadstream.app.runtime.Serving;
import io.roadstream.app.runtime.Stack;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.congestion.CongestionEventType;
import io.roadstream.core.event.IncidentType;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.server.RoadstreamServer;
import io.roadstream.store.Database;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import io.roadstream.testkit.SseTestClient;
import io.roadstream.testkit.TestConfigs;
import io.roadstream.testkit.TestPostgres;
import io.roadstream.testkit.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #7: two serve stacks in one JVM — each with its own materializers (sharing the consumer groups, so each
 * writes part of the partitions), its own Redis-backed live view and its own HTTP server — against one Kafka and one
 * Redis. Records produced to the four live topics must show up the same on both servers' /api/live and
 * /api/live/picture, and on both SSE streams, whichever stack's materializer wrote them; a cleared jam leaves both.
 */
@ExtendWith(KafkaTestBroker.class)
class TwoServersOneRedisIT {

  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final String GROUPS = "two-servers-materializer";

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void twoServersShowTheSameLivePictureAndBothForgetAClearedJam(EmbeddedKafkaBroker broker, KafkaTestClients kafka)
      throws Exception {
    try (TestPostgres pg = TestPostgres.freshSchema("two_servers"); TestRedis redis = TestRedis.isolated("two-servers");
        Stack a = new Stack(); Stack b = new Stack()) {
      RoadstreamConfig cfg = TestConfigs.isolated(broker.bootstrapServers(), "two-servers", Map.of(
          "kafka.partitions", "4", "server.port", "0", "postgres.schema", pg.schema(),
          "redis.uri", redis.uri(), "redis.keyPrefix", redis.prefix()));
      TopicCreator.ensure(KafkaClients.properties(cfg.kafka()), cfg.kafka().topics().all(), 4, (short) 1);
      RoadNetwork network = new RoadNetworkLoader().load(cfg.network());
      LiveApi first = new LiveApi(serve(cfg, network, pg, a).port());
      LiveApi second = new LiveApi(serve(cfg, network, pg, b).port());
      LiveRecords records = new LiveRecords(cfg.kafka().topics());

      try (SseTestClient sseFirst = new SseTestClient(first.http(), first.uri("/api/stream"));
          SseTestClient sseSecond = new SseTestClient(second.http(), second.uri("/api/stream"))) {
        assertThat(sseFirst.status(WAIT)).isEqualTo(200);
        assertThat(sseSecond.status(WAIT)).isEqualTo(200);

        // windows 0 and 1 of eight segments, then a late version of window 0 of M1-E-01 (history only) and a
        // revision of window 1 of M1-E-02 (the new latest)
        List<SegmentStats> stats = new ArrayList<>();
        for (int s = 1; s <= 8; s++) {
          stats.add(LiveRecords.stats("M1-E-0" + s, 0, 60 + s));
          stats.add(LiveRecords.stats("M1-E-0" + s, 1, 70 + s));
        }
        stats.add(LiveRecords.stats("M1-E-01", 0, 11));
        stats.add(LiveRecords.stats("M1-E-02", 1, 22));
        List<ProducerRecord<byte[], byte[]>> produce = new ArrayList<>();
        stats.forEach(s -> produce.add(records.record(s)));
        produce.add(records.record(LiveRecords.jam("jam-1", CongestionEventType.OPENED, 2, "M1-E-03", "M1-E-02")));
        produce.add(records.record(LiveRecords.jam("jam-2", CongestionEventType.OPENED, 2, "M1-E-07")));
        produce.add(records.record(LiveRecords.jam("jam-2", CongestionEventType.UPDATED, 3, "M1-E-07", "M1-E-06")));
        produce.add(records.record(LiveRecords.incident("inc-1", IncidentType.DETECTED, 2)));
        produce.add(records.record(LiveRecords.incident("inc-1", IncidentType.CONFIRMED, 3)));
        produce.add(records.record(LiveRecords.plan("I-A1", 5, 60)));
        produce.add(records.record(LiveRecords.plan("I-A1", 10, 75)));
        kafka.produceRecords(produce);

        List<String> expected = LiveRecords.latest(stats).values().stream()
            .map(s -> s.segmentId() + "@" + Instant.ofEpochMilli(s.windowStart()) + "=" + s.avgSpeedKmh())
            .sorted().toList();
        for (LiveApi server : List.of(first, second)) {
          await("every segment's latest window on both servers").atMost(WAIT).pollInterval(Duration.ofMillis(200))
              .untilAsserted(() -> assertThat(server.liveSegments()).isEqualTo(expected));
          await("the jams, the incident and the plan on both servers").atMost(WAIT)
              .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                JsonNode picture = server.get("/api/live/picture");
                assertThat(ids(picture.get("jams"), "jamId")).containsExactly("jam-1", "jam-2");
                assertThat(picture.get("incidents")).singleElement()
                    .satisfies(i -> assertThat(i.get("state").asText()).isEqualTo("CONFIRMED"));
                assertThat(picture.get("signalPlans")).singleElement()
                    .satisfies(p -> assertThat(p.get("cycleS").asDouble()).isEqualTo(75.0));
              });
          JsonNode jam2 = jamById(server.get("/api/live/picture"), "jam-2");
          assertThat(ids(jam2.get("segmentIds"), null)).containsExactly("M1-E-07", "M1-E-06");
          assertThat(server.get("/api/live")).allSatisfy(row -> assertThat(row.get("stale").asBoolean()).isFalse());
        }
        assertThat(first.get("/api/live")).isEqualTo(second.get("/api/live"));
        assertThat(first.get("/api/live/picture")).isEqualTo(second.get("/api/live/picture"));

        for (SseTestClient sse : List.of(sseFirst, sseSecond)) {
          // the topics' materializers run side by side: their changes arrive in any order
          awaitAll(sse, Map.of(
              "'stats' with the revision of M1-E-02",
              e -> e.name().equals("stats") && e.data().contains("\"M1-E-02\"") && e.data().contains("22.0"),
              "'jam' jam-1 opened", e -> e.name().equals("jam") && field(e, "jamId").equals("jam-1"),
              "'incident' confirmed", e -> e.name().equals("incident") && field(e, "state").equals("CONFIRMED")));
        }

        kafka.produceRecords(List.of(records.record(LiveRecords.jam("jam-1", CongestionEventType.CLEARED, 6,
            "M1-E-03"))));

        for (LiveApi server : List.of(first, second)) {
          await("jam-1 gone from both servers").atMost(WAIT).pollInterval(Duration.ofMillis(200))
              .untilAsserted(() -> assertThat(server.pictureIds("jams", "jamId")).containsExactly("jam-2"));
        }
        for (SseTestClient sse : List.of(sseFirst, sseSecond)) {
          sse.await(e -> e.name().equals("jam") && field(e, "jamId").equals("jam-1")
              && field(e, "state").equals("CLEARED"), WAIT, "'jam' jam-1 cleared");
        }
      }
    }
  }

  /** One serve stack, as `roadstream serve` composes it; the stack stops it. */
  private static RoadstreamServer serve(RoadstreamConfig cfg, RoadNetwork network, TestPostgres pg, Stack stack) {
    Database db = stack.push(Database.open(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD,
        pg.schema()));
    Serving serving = new Serving(cfg, network, db, stack, GROUPS, GROUPS + "-dispatch");
    serving.startMaterializers();
    serving.startLiveMaterializers().orElseThrow();
    serving.startMonitor();
    return serving.startServer();
  }

  /** Waits until every one of {@code wanted} has matched an event, whatever their order. */
  private static void awaitAll(SseTestClient sse, Map<String, Predicate<SseTestClient.Event>> wanted)
      throws InterruptedException {
    Map<String, Predicate<SseTestClient.Event>> left = new LinkedHashMap<>(wanted);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!left.isEmpty()) {
      Duration remaining = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
      SseTestClient.Event event = sse.await(e -> left.values().stream().anyMatch(p -> p.test(e)), remaining,
          String.join(", ", left.keySet()));
      left.values().removeIf(p -> p.test(event));
    }
  }

  private String field(SseTestClient.Event e, String name) {
    try {
      return mapper.readTree(e.data()).path(name).asText();
    } catch (java.io.IOException ex) {
      throw new AssertionError("SSE data is not JSON: " + e.data(), ex);
    }
  }

  private static JsonNode jamById(JsonNode picture, String jamId) {
    for (JsonNode jam : picture.get("jams")) {
      if (jam.get("jamId").asText().equals(jamId)) {
        return jam;
      }
    }
    throw new AssertionError("no jam " + jamId + " in " + picture);
  }

  private static List<String> ids(JsonNode array, String field) {
    List<String> ids = new ArrayList<>();
    array.forEach(n -> ids.add(field == null ? n.asText() : n.get(field).asText()));
    return field == null ? ids : ids.stream().sorted().toList();
  }
}
