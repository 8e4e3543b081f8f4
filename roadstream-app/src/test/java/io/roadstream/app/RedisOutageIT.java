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
import io.roadstream.core.config.Topics;
import io.roadstream.core.congestion.CongestionEventType;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.store.Database;
import io.roadstream.store.live.LiveMaterializers;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import io.roadstream.testkit.RedisChannelRecorder;
import io.roadstream.testkit.SseTestClient;
import io.roadstream.testkit.TcpProxy;
import io.roadstream.testkit.TestConfigs;
import io.roadstream.testkit.TestPostgres;
import io.roadstream.testkit.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #5, the Redis side: a serve stack whose materializers and live view reach the real Redis through a TCP proxy
 * that cuts the network for {@link #OUTAGE} while records keep arriving. During the cut the API must keep answering
 * with the last picture, marked stale, and the Redis materializers must lag (offsets stay where their writes
 * stopped); after it the stale mark must go and every record's effect must be there — read straight from Redis, and
 * from the changes published on the channel (heard by a subscription that bypasses the proxy): each change the
 * records make published once, none lost, none twice, worked out from the records alone.
 */
@ExtendWith(KafkaTestBroker.class)
class RedisOutageIT {

  private static final Duration OUTAGE = Duration.ofSeconds(12);
  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final int SEGMENTS = 20;
  private static final String GROUPS = "redis-outage-materializer";

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void aRedisOutageMarksTheLiveViewStaleAndLosesAndDoublesNothing(EmbeddedKafkaBroker broker,
      KafkaTestClients kafka) throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try (TestPostgres pg = TestPostgres.freshSchema("redis_outage"); TestRedis redis = TestRedis.isolated("outage");
        TcpProxy proxy = TcpProxy.start(redis.host(), redis.port());
        RedisChannelRecorder channel = new RedisChannelRecorder(redis.host(), redis.port(), redis.prefix() + "changes");
        Stack stack = new Stack()) {
      RoadstreamConfig cfg = TestConfigs.isolated(broker.bootstrapServers(), "redis-outage", Map.of(
          "kafka.partitions", "3", "server.port", "0", "postgres.schema", pg.schema(),
          "redis.uri", "redis://127.0.0.1:" + proxy.port(), "redis.keyPrefix", redis.prefix()));
      Topics topics = cfg.kafka().topics();
      TopicCreator.ensure(KafkaClients.properties(cfg.kafka()), topics.all(), 3, (short) 1);
      Database db = stack.push(Database.open(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD,
          pg.schema()));
      Serving serving = new Serving(cfg, new RoadNetworkLoader().load(cfg.network()), db, stack, GROUPS,
          GROUPS + "-dispatch");
      serving.startMaterializers();
      serving.startLiveMaterializers().orElseThrow();
      serving.startMonitor();
      LiveApi api = new LiveApi(serving.startServer().port());
      LiveRecords records = new LiveRecords(topics);

      // before the cut: windows 0-2 of every segment, two jams
      List<SegmentStats> before = windows(0, 3, 80);
      List<ProducerRecord<byte[], byte[]>> produceBefore = new ArrayList<>();
      before.forEach(s -> produceBefore.add(records.record(s)));
      produceBefore.add(records.record(LiveRecords.jam("jam-1", CongestionEventType.OPENED, 1, "S-03", "S-02")));
      produceBefore.add(records.record(LiveRecords.jam("jam-2", CongestionEventType.OPENED, 1, "S-11")));
      kafka.produceRecords(produceBefore);
      List<String> pictureBefore = rows(LiveRecords.latest(before));
      await("the picture before the cut").atMost(WAIT).pollInterval(Duration.ofMillis(200))
          .untilAsserted(() -> {
            assertThat(api.liveSegments()).isEqualTo(pictureBefore);
            assertThat(api.pictureIds("jams", "jamId")).containsExactly("jam-1", "jam-2");
          });
      long statsWritten = endOffsets(kafka, topics.segmentStats());
      await("the Redis materializer's offsets committed before the cut").atMost(WAIT)
          .until(() -> committed(kafka, LiveMaterializers.group(GROUPS, topics.segmentStats()), topics.segmentStats())
              == statsWritten);

      try (SseTestClient sse = new SseTestClient(api.http(), api.uri("/api/stream"))) {
        assertThat(sse.status(WAIT)).isEqualTo(200);

        proxy.cut();
        long cutAt = System.nanoTime();
        scheduler.schedule(proxy::restore, OUTAGE.toMillis(), TimeUnit.MILLISECONDS);

        // the API answers from what it has, marked stale, at once and in one shape everywhere
        sse.await(e -> e.name().equals("status") && json(e.data()).path("live").path("stale").asBoolean(), WAIT,
            "'status' saying the live view is stale");
        JsonNode live = api.get("/api/live");
        assertThat(api.liveSegments()).isEqualTo(pictureBefore);
        assertThat(live).allSatisfy(row -> {
          assertThat(row.get("stale").asBoolean()).isTrue();
          assertThat(Instant.parse(row.get("staleSince").asText())).isBefore(Instant.now().plusSeconds(1));
          assertThat(row.get("staleReason").asText()).contains("Redis");
        });
        JsonNode picture = api.get("/api/live/picture");
        assertThat(picture.get("stale").asBoolean()).isTrue();
        assertThat(picture.get("jams")).hasSize(2);
        assertThat(api.get("/api/status").path("live").path("stale").asBoolean()).isTrue();

        // during the cut: windows 3-5; a second version of window 5 of every even segment; a late version of an
        // old window (history, not the live picture); jam-1 clears, jam-3 opens
        List<SegmentStats> during = new ArrayList<>(windows(3, 6, 60));
        for (int s = 0; s < SEGMENTS; s += 2) {
          during.add(LiveRecords.stats(segment(s), 5, 40 + s));
        }
        during.add(LiveRecords.stats(segment(1), 1, 5));
        List<ProducerRecord<byte[], byte[]>> produceDuring = new ArrayList<>();
        during.forEach(s -> produceDuring.add(records.record(s)));
        produceDuring.add(records.record(LiveRecords.jam("jam-1", CongestionEventType.CLEARED, 5, "S-03")));
        produceDuring.add(records.record(LiveRecords.jam("jam-3", CongestionEventType.OPENED, 5, "S-17", "S-16")));
        kafka.produceRecords(produceDuring);

        // the fault was hit (the materializers' own flag, only to know the outage is under way) …
        await("the Redis materializers to find Redis unreachable").atMost(OUTAGE.dividedBy(2))
            .pollInterval(Duration.ofMillis(100)).until(() -> serving.sinkTrouble().contains("Redis"));
        // … and for the rest of the cut they lag: nothing committed past what Redis has
        Duration restOfCut = OUTAGE.minusNanos(System.nanoTime() - cutAt).minusSeconds(1);
        await("the committed offsets to stay at " + statsWritten + " while Redis is cut off")
            .during(restOfCut).atMost(restOfCut.plusSeconds(5)).pollInterval(Duration.ofMillis(250))
            .until(() -> committed(kafka, LiveMaterializers.group(GROUPS, topics.segmentStats()),
                topics.segmentStats()) == statsWritten);
        assertThat(api.get("/api/live")).allSatisfy(row -> assertThat(row.get("stale").asBoolean()).isTrue());
        assertThat(proxy.refused()).as("connections refused during the cut").isPositive();

        // after the cut: caught up, fresh, and everything is there
        List<SegmentStats> all = new ArrayList<>(before);
        all.addAll(during);
        Map<String, SegmentStats> latest = LiveRecords.latest(all);
        await("the whole picture, fresh, after the outage").atMost(WAIT).pollInterval(Duration.ofMillis(250))
            .untilAsserted(() -> {
              assertThat(api.liveSegments()).isEqualTo(rows(latest));
              assertThat(api.get("/api/live")).allSatisfy(row -> {
                assertThat(row.get("stale").asBoolean()).isFalse();
                assertThat(row.get("staleSince").isNull()).isTrue();
              });
              assertThat(api.pictureIds("jams", "jamId")).containsExactly("jam-2", "jam-3");
            });
        sse.await(e -> e.name().equals("status") && !json(e.data()).path("live").path("stale").asBoolean(), WAIT,
            "'status' saying the live view is fresh again");
        for (String topic : List.of(topics.segmentStats(), topics.congestion())) {
          long produced = endOffsets(kafka, topic);
          await("every offset of " + topic + " committed by the Redis materializer").atMost(WAIT)
              .until(() -> committed(kafka, LiveMaterializers.group(GROUPS, topic), topic) == produced);
        }

        // Redis itself, read directly: each segment's entry is its latest window
        for (SegmentStats expected : latest.values()) {
          JsonNode entry = json(redis.direct().get(redis.prefix() + "segment:" + expected.segmentId()));
          assertThat(entry.path("event").path("windowStart").asLong()).as(expected.segmentId())
              .isEqualTo(expected.windowStart());
          assertThat(entry.path("event").path("avgSpeedKmh").asDouble()).as(expected.segmentId())
              .isEqualTo(expected.avgSpeedKmh());
        }
        // the channel: each change the records make, published once — 0 lost, 0 doubled
        List<String> published = new ArrayList<>();
        for (String message : channel.messages()) {
          JsonNode m = json(message);
          if (m.get("kind").asText().equals("segment")) {
            published.add(describe(m.get("event")));
          }
        }
        List<String> expectedChanges = changes(all);
        assertThat(published).as("segment changes published (lost: expected but absent; doubled: present twice)")
            .containsExactlyInAnyOrderElementsOf(expectedChanges);
        List<String> jamChanges = channel.messages().stream().map(this::json)
            .filter(m -> m.get("kind").asText().equals("jam"))
            .map(m -> m.get("id").asText() + ":" + m.get("event").get("type").asText()).toList();
        assertThat(jamChanges).containsExactlyInAnyOrder("jam-1:OPENED", "jam-2:OPENED", "jam-1:CLEARED",
            "jam-3:OPENED");
      }
    } finally {
      scheduler.shutdownNow();
    }
  }

  private static String segment(int s) {
    return String.format("S-%02d", s);
  }

  /** Windows [from, to) of every segment, at {@code speed} km/h plus a little per segment. */
  private static List<SegmentStats> windows(int from, int to, double speed) {
    List<SegmentStats> stats = new ArrayList<>();
    for (int w = from; w < to; w++) {
      for (int s = 0; s < SEGMENTS; s++) {
        stats.add(LiveRecords.stats(segment(s), w, speed + s * 0.25 + w));
      }
    }
    return stats;
  }

  /**
   * The changes {@code produced} (in produce order) make to the live view: a record changes its segment's entry when
   * its window is the latest seen so far or a later version of it.
   */
  private static List<String> changes(List<SegmentStats> produced) {
    Map<String, Long> newest = new LinkedHashMap<>();
    List<String> changes = new ArrayList<>();
    for (SegmentStats s : produced) {
      Long held = newest.get(s.segmentId());
      if (held == null || s.windowStart() >= held) {
        newest.put(s.segmentId(), s.windowStart());
        changes.add(s.segmentId() + "@" + s.windowStart() + "=" + s.avgSpeedKmh());
      }
    }
    return changes;
  }

  private static String describe(JsonNode event) {
    return event.get("segmentId").asText() + "@" + event.get("windowStart").asLong() + "="
        + event.get("avgSpeedKmh").asDouble();
  }

  private static List<String> rows(Map<String, SegmentStats> latest) {
    return latest.values().stream()
        .map(s -> s.segmentId() + "@" + Instant.ofEpochMilli(s.windowStart()) + "=" + s.avgSpeedKmh())
        .sorted().toList();
  }

  private JsonNode json(String text) {
    try {
      return mapper.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  private static long endOffsets(KafkaTestClients kafka, String topic) throws Exception {
    TopicDescription d = kafka.admin().describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
        .get(topic);
    Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
    d.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    return kafka.admin().listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
        .mapToLong(i -> i.offset()).sum();
  }

  /** Σ offsets {@code group} has committed on {@code topic}, read with the Admin client. */
  private static long committed(KafkaTestClients kafka, String group, String topic) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset()).sum();
  }
}
