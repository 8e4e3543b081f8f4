package io.roadstream.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.roadstream.app.cluster.FlinkRestClient;
import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.app.kafka.TopicCreator;
import io.roadstream.app.runtime.EmbeddedPipeline;
import io.roadstream.app.runtime.Stack;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.Topics;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.store.Database;
import io.roadstream.store.Materializers;
import io.roadstream.store.Stores;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One fixed-rate point of {@code roadstream bench pipeline}: the job on a fresh MiniCluster over fresh topics, the
 * segment-stats materializer into PostgreSQL, recorded traffic sent at the rate, and the latency of every window
 * from the moment its input was complete ({@link InputProgress}) to the moment it was visible in Kafka
 * ({@link KafkaStatsWatcher}) and in PostgreSQL ({@link PostgresStatsWatcher}). Windows that became closable during
 * the warm-up (the MiniCluster starting, the JIT warming) are not counted.
 */
public final class LatencyRun {

  /** After the last send, how long the stragglers (the last checkpoint's commit, the last write) may take. */
  private static final Duration DRAIN = Duration.ofSeconds(60);

  private final RoadstreamConfig config;
  private final RoadNetwork network;
  private final Database database;
  private final RecordedTraffic traffic;

  /**
   * @param config   the job's configuration for this point: its own topic prefix, job name and delivery guarantee
   * @param database where the materializer writes: a schema of the benchmark's own, as its {@code segment_stats}
   *                 is emptied first
   */
  public LatencyRun(RoadstreamConfig config, RoadNetwork network, Database database, RecordedTraffic traffic) {
    this.config = config;
    this.network = network;
    this.database = database;
    this.traffic = traffic;
  }

  /**
   * Sends {@code warmUp + measured} worth of events at {@code perSecond} (fewer if the recording runs out first)
   * and measures the windows that became closable after the warm-up.
   */
  public LatencyPoint run(double perSecond, Duration warmUp, Duration measured) throws Exception {
    Topics topics = config.kafka().topics();
    Map<String, Object> client = KafkaClients.properties(config.kafka());
    int partitions = config.kafka().partitions();
    TopicCreator.ensure(client, topics.all(), partitions, (short) 1);
    emptyStatsTable();
    long outOfOrderMillis = config.pipeline().maxOutOfOrdernessSeconds() * 1000L;
    int count = (int) Math.min(traffic.size(),
        Math.round(perSecond * (warmUp.toMillis() + measured.toMillis()) / 1000.0));

    StatsArrivals inKafka = new StatsArrivals();
    StatsArrivals inPostgres = new StatsArrivals();
    InputProgress progress = new InputProgress(partitions, partitions);
    PacedSender.Sent sent;
    PostgresStatsWatcher postgresWatcher;
    KafkaStatsWatcher kafkaWatcher;
    LatencyPoint.Checkpoints checkpoints;
    try (Stack stack = new Stack();
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producerProperties(config.kafka()),
            new StringSerializer(), new ByteArraySerializer())) {
      EmbeddedPipeline pipeline = stack.push(EmbeddedPipeline.start(config, network, false));
      stack.runInBackground("bench-materializer", Materializers.segmentStats(client,
          config.kafka().topicPrefix() + "bench", topics, Stores.on(database.dataSource()).stats(), written -> { }));
      kafkaWatcher = stack.runInBackground("bench-kafka-watcher",
          new KafkaStatsWatcher(client, topics.segmentStats(), inKafka));
      postgresWatcher = stack.runInBackground("bench-postgres-watcher",
          new PostgresStatsWatcher(database.dataSource(), inPostgres));
      awaitRunning(pipeline);

      sent = PacedSender.send(producer, topics, traffic, count, perSecond, progress);
      long lastClosable = lastClosableWindowEnd(progress, outOfOrderMillis);
      long deadline = System.nanoTime() + DRAIN.toNanos();
      if (lastClosable != Long.MIN_VALUE) {
        awaitEveryClosableWindow(pipeline, lastClosable, inKafka, inPostgres, kafkaWatcher, postgresWatcher,
            deadline);
      }
      checkpoints = checkpoints(pipeline);
    }
    if (kafkaWatcher.undecodable() > 0) {
      throw new IllegalStateException(kafkaWatcher.undecodable() + " records of " + topics.segmentStats()
          + " were not segment statistics");
    }
    if (postgresWatcher.failure() != null) {
      throw new IllegalStateException("polling segment_stats failed: " + postgresWatcher.failure().getMessage(),
          postgresWatcher.failure());
    }
    return measure(sent, progress, inKafka, inPostgres, outOfOrderMillis, sent.startNanos() + warmUp.toNanos(),
        perSecond, checkpoints);
  }

  /**
   * Waits, up to {@code deadline}, until every window that ends by {@code lastClosable} is in Kafka and in
   * PostgreSQL; what is still missing then is counted as missing. The job's window tasks emit such a window at
   * slightly different moments, and its first sighting in Kafka says only that the watermark has passed its end at
   * every source. So: the first checkpoint triggered after that sighting has its barrier behind that watermark on every
   * channel, and once it completes every window task has emitted its windows and the sink has flushed them
   * (at-least-once) or holds them in the transaction it commits on that completion (exactly-once, committed before
   * the next checkpoint's barrier passes the committer: hence one checkpoint more). Then the watcher reads Kafka to its
   * end, and PostgreSQL must hold each window it read.
   */
  private static void awaitEveryClosableWindow(EmbeddedPipeline pipeline, long lastClosable, StatsArrivals inKafka,
      StatsArrivals inPostgres, KafkaStatsWatcher kafkaWatcher, PostgresStatsWatcher postgresWatcher, long deadline)
      throws Exception {
    FlinkRestClient rest = new FlinkRestClient(pipeline.restUrl());
    String checkpointsPath = "/jobs/" + pipeline.job().getJobID() + "/checkpoints";
    if (!awaitUntil(deadline, () -> inKafka.all().stream().anyMatch(a -> a.windowEnd() == lastClosable))) {
      return;
    }
    long sightedAtMillis = System.currentTimeMillis();
    long[] firstAfter = {-1};
    boolean flushed = awaitUntil(deadline, () -> {
      JsonNode latest = rest.get(checkpointsPath).path("latest").path("completed");
      if (firstAfter[0] < 0 && latest.path("trigger_timestamp").asLong() > sightedAtMillis) {
        firstAfter[0] = latest.path("id").asLong();
      }
      return firstAfter[0] >= 0 && latest.path("id").asLong() > firstAfter[0];
    });
    long readFrom = System.nanoTime();
    if (!flushed || !awaitUntil(deadline, () -> kafkaWatcher.caughtUpSince(readFrom))) {
      return;
    }
    awaitUntil(deadline, () -> postgresWatcher.failure() != null || inKafka.all().stream()
        .filter(a -> a.windowEnd() <= lastClosable)
        .allMatch(a -> inPostgres.get(a.segmentId(), a.windowStart()) != null));
  }

  /** Polls {@code done} until it holds or {@code deadline} ({@link System#nanoTime()}) passes; whether it held. */
  private static boolean awaitUntil(long deadline, Callable<Boolean> done) throws Exception {
    while (!done.call()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    return true;
  }

  private static LatencyPoint.Checkpoints checkpoints(EmbeddedPipeline pipeline) throws Exception {
    JsonNode all = new FlinkRestClient(pipeline.restUrl()).get("/jobs/" + pipeline.job().getJobID() + "/checkpoints");
    JsonNode duration = all.path("summary").path("end_to_end_duration");
    return new LatencyPoint.Checkpoints(all.path("counts").path("completed").asLong(), duration.path("p50").asLong(),
        duration.path("p99").asLong(), duration.path("max").asLong());
  }

  private LatencyPoint measure(PacedSender.Sent sent, InputProgress progress, StatsArrivals inKafka,
      StatsArrivals inPostgres, long outOfOrderMillis, long measureFrom, double perSecond,
      LatencyPoint.Checkpoints checkpoints) {
    record Measured(long closableAt, long kafkaMs, long postgresMs) {}
    List<Measured> windows = new ArrayList<>();
    long notInPostgres = 0;
    for (StatsArrivals.Arrival k : inKafka.all()) {
      long closableAt = progress.reachedAt(k.windowEnd() + outOfOrderMillis);
      if (closableAt < measureFrom) {
        continue; // closable during the warm-up, or never by its input (a late revision's window, say)
      }
      StatsArrivals.Arrival p = inPostgres.get(k.segmentId(), k.windowStart());
      if (p == null) {
        notInPostgres++;
      }
      windows.add(new Measured(closableAt, (k.seenNanos() - closableAt) / 1_000_000,
          p == null ? -1 : (p.seenNanos() - closableAt) / 1_000_000));
    }
    windows.sort(Comparator.comparingLong(Measured::closableAt));
    LatencyHistogram kafka = new LatencyHistogram();
    LatencyHistogram postgres = new LatencyHistogram();
    LatencyHistogram early = new LatencyHistogram();
    LatencyHistogram late = new LatencyHistogram();
    for (int i = 0; i < windows.size(); i++) {
      Measured m = windows.get(i);
      kafka.record(m.kafkaMs());
      (i < windows.size() / 2 ? early : late).record(m.kafkaMs());
      if (m.postgresMs() >= 0) {
        postgres.record(m.postgresMs());
      }
    }
    double span = windows.isEmpty() ? 0
        : (windows.get(windows.size() - 1).closableAt() - windows.get(0).closableAt()) / 1e9;
    return new LatencyPoint(config.pipeline().deliveryGuarantee(), perSecond, sent.rate(),
        span > 0 ? windows.size() / span : 0, LatencyPoint.Latencies.of(kafka), LatencyPoint.Latencies.of(postgres),
        early.percentile(0.5), late.count() == 0 ? 0 : late.percentile(0.5), notInPostgres, checkpoints);
  }

  /** The end of the last window every partition's event time passed, or Long.MIN_VALUE if none. */
  private long lastClosableWindowEnd(InputProgress progress, long outOfOrderMillis) {
    long window = config.pipeline().windowSeconds() * 1000L;
    long end = Long.MIN_VALUE;
    long first = traffic.get(0).eventTime() / window * window + window;
    for (long e = first; progress.reachedAt(e + outOfOrderMillis) >= 0; e += window) {
      end = e;
    }
    return end;
  }

  private void awaitRunning(EmbeddedPipeline pipeline) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (pipeline.job().getJobStatus().get(10, TimeUnit.SECONDS) != JobStatus.RUNNING) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the job did not start running within 2 minutes");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }

  private void emptyStatsTable() throws SQLException {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("TRUNCATE segment_stats");
    }
  }
}
