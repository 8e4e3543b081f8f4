package io.roadstream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.Topics;
import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import io.roadstream.testkit.StatsAssertions;
import io.roadstream.testkit.TcpProxy;
import io.roadstream.testkit.TestPostgres;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #5, the database side: the segment-stats materializer writes to the real PostgreSQL through a TCP proxy that
 * cuts the network for 30 s while records keep arriving. During the cut the materializer must lag (its committed
 * offsets stay where its writes stopped) instead of skipping; after it, PostgreSQL must hold every window exactly once
 * with its latest value, read straight from the table and compared with the records the test produced.
 */
@ExtendWith(KafkaTestBroker.class)
class PostgresOutageIT {

  private static final long T0 = Instant.parse("2026-11-27T07:30:00Z").toEpochMilli();
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final int SEGMENTS = 20;
  private static final int PARTITIONS = 3;

  private final EventCodec codec = new EventCodec();

  @Test
  void aThirtySecondDatabaseOutageMakesTheMaterializerLagThenCatchUpLosingAndDoublingNothing(
      EmbeddedKafkaBroker broker, KafkaTestClients kafka) throws Exception {
    Topics topics = new Topics(KafkaTestClients.uniqueName("pg-outage") + ".");
    kafka.admin().createTopics(List.of(new NewTopic(topics.segmentStats(), PARTITIONS, (short) 1),
        new NewTopic(topics.deadLetters(), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    String groupPrefix = topics.prefix() + "materializer";
    String group = Materializers.group(groupPrefix, topics.segmentStats());

    // before the cut: windows 0-4 of every segment; during it: windows 5-9, and a revision of each segment's window 4
    // (a late event), which must replace the row written before the cut
    List<SegmentStats> before = windows(0, 5, 80);
    List<SegmentStats> during = new ArrayList<>(windows(4, 5, 55));
    during.addAll(windows(5, 10, 70));
    Map<String, SegmentStats> expected = new LinkedHashMap<>();
    for (SegmentStats s : before) {
      expected.put(s.segmentId() + "@" + s.windowStart(), s);
    }
    for (SegmentStats s : during) {
      expected.put(s.segmentId() + "@" + s.windowStart(), s);
    }

    URI server = URI.create(TestPostgres.JDBC_URL.substring("jdbc:".length()));
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try (TestPostgres pg = TestPostgres.freshSchema("pg_outage");
        TcpProxy proxy = TcpProxy.start(server.getHost(), server.getPort());
        Database db = Database.open(throughProxy(server, proxy), TestPostgres.USER, TestPostgres.PASSWORD,
            pg.schema())) {
      Materializer<SegmentStats> materializer = Materializers.segmentStats(
          Map.of("bootstrap.servers", broker.bootstrapServers()), groupPrefix, topics,
          new SegmentStatsRepository(db.dataSource()), rows -> { });
      Thread thread = new Thread(materializer, "materializer");
      thread.start();
      try {
        kafka.produceRecords(records(topics, before));
        long written = endOffsets(kafka, topics);
        await("the " + before.size() + " windows before the cut in PostgreSQL, their offsets committed")
            .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
            .until(() -> rowCount(pg) == before.size() && committed(kafka, group, topics) == written);

        proxy.cut();
        long cutAt = System.nanoTime();
        // the restore is scheduled: the outage lasts OUTAGE whatever the test thread is doing meanwhile
        scheduler.schedule(proxy::restore, OUTAGE.toMillis(), TimeUnit.MILLISECONDS);
        kafka.produceRecords(records(topics, during));
        long produced = endOffsets(kafka, topics);
        assertThat(produced).isEqualTo(written + during.size());

        // the fault was hit: the materializer read the new records and could not write them (its own flag, used
        // only to know the outage is under way; what is asserted comes from Kafka and PostgreSQL)
        await("the materializer to find PostgreSQL unreachable").atMost(OUTAGE.dividedBy(2))
            .pollInterval(Duration.ofMillis(100)).until(() -> !materializer.databaseAvailable());
        // for the rest of the cut it lags: nothing committed past what was written, so nothing skipped
        Duration restOfCut = OUTAGE.minusNanos(System.nanoTime() - cutAt).minusSeconds(1);
        await("the committed offsets to stay at " + written + " while PostgreSQL is cut off")
            .during(restOfCut).atMost(restOfCut.plusSeconds(5)).pollInterval(Duration.ofMillis(250))
            .until(() -> committed(kafka, group, topics) == written);
        assertThat(proxy.refused()).as("connections refused during the cut").isPositive();

        await("every window in PostgreSQL and every offset committed after the outage")
            .atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(250))
            .until(() -> committed(kafka, group, topics) == produced);
      } finally {
        materializer.close();
        thread.join(10_000);
        scheduler.shutdownNow();
      }
      assertThat(thread.isAlive()).as("materializer stopped").isFalse();

      // read straight from the table: each window once, with its latest value
      StatsAssertions.assertSameStats(readAll(pg), List.copyOf(expected.values()));
    }
  }

  /** The test database's JDBC URL with the proxy's address in place of the server's. */
  private static String throughProxy(URI server, TcpProxy proxy) {
    return "jdbc:" + server.getScheme() + "://127.0.0.1:" + proxy.port() + server.getRawPath()
        + (server.getRawQuery() == null ? "" : "?" + server.getRawQuery());
  }

  /** Windows [from, to) of every segment, at {@code speed} km/h. */
  private static List<SegmentStats> windows(int from, int to, double speed) {
    List<SegmentStats> stats = new ArrayList<>();
    for (int w = from; w < to; w++) {
      for (int s = 0; s < SEGMENTS; s++) {
        long start = T0 + w * 60_000L;
        double v = speed + s * 0.25;
        stats.add(new SegmentStats("S-" + s, start, start + 60_000, v, 1500.0 + s, (1500.0 + s) / v / 2, 0.12,
            36.0 + s, LevelOfService.C, 4, w + s));
      }
    }
    return stats;
  }

  /** Keyed by segment, as the job writes them: one segment's versions stay in order in one partition. */
  private List<ProducerRecord<byte[], byte[]>> records(Topics topics, List<SegmentStats> stats) {
    return stats.stream().map(s -> new ProducerRecord<>(topics.segmentStats(),
        s.segmentId().getBytes(StandardCharsets.UTF_8), codec.encode(s))).toList();
  }

  private static long endOffsets(KafkaTestClients kafka, Topics topics) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      latest.put(new TopicPartition(topics.segmentStats(), p), OffsetSpec.latest());
    }
    return kafka.admin().listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
        .mapToLong(i -> i.offset()).sum();
  }

  /** Σ offsets the group has committed on the segment-stats topic, read with the Admin client. */
  private static long committed(KafkaTestClients kafka, String group, Topics topics) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    return offsets.entrySet().stream()
        .filter(e -> e.getKey().topic().equals(topics.segmentStats()) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset()).sum();
  }

  private static long rowCount(TestPostgres pg) throws Exception {
    try (Connection c = pg.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM segment_stats")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Read straight from the table over a direct connection, neither through the proxy nor the repository. */
  private static List<SegmentStats> readAll(TestPostgres pg) throws Exception {
    List<SegmentStats> rows = new ArrayList<>();
    try (Connection c = pg.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT segment_id, extract(epoch from window_start) * 1000 AS ws, "
            + "extract(epoch from window_end) * 1000 AS we, avg_speed_kmh, flow_veh_h, density_veh_km_ln, occupancy, "
            + "travel_time_s, los, detector_samples, probe_samples FROM segment_stats")) {
      while (rs.next()) {
        rows.add(new SegmentStats(rs.getString(1), rs.getLong(2), rs.getLong(3), nullable(rs, 4), nullable(rs, 5),
            nullable(rs, 6), nullable(rs, 7), nullable(rs, 8),
            rs.getString(9) == null ? null : LevelOfService.valueOf(rs.getString(9).trim()), rs.getInt(10),
            rs.getInt(11)));
      }
    }
    return rows;
  }

  private static Double nullable(ResultSet rs, int column) throws Exception {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }
}
