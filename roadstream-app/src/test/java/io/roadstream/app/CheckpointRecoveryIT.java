package io.roadstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.app.kafka.TopicCreator;
import io.roadstream.app.runtime.RetainedCheckpoints;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.Topics;
import io.roadstream.core.event.IncidentReport;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.ingest.simulator.ScenarioLoader;
import io.roadstream.ingest.simulator.SimulationListener;
import io.roadstream.ingest.simulator.SimulationSettings;
import io.roadstream.ingest.simulator.TrafficSimulation;
import io.roadstream.store.Database;
import io.roadstream.store.Materializer;
import io.roadstream.store.Materializers;
import io.roadstream.store.SegmentStatsRepository;
import io.roadstream.testkit.ExpectedStats;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.StatsAssertions;
import io.roadstream.testkit.TestConfigs;
import io.roadstream.testkit.TestPostgres;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Process death, for real: the job runs in a child JVM ({@code roadstream pipeline}) that is killed with SIGKILL
 * three times, each time right after it completed a new checkpoint; each next run resumes from the latest retained
 * checkpoint ({@code --resume}). The fourth run is left running while the rest of the morning is produced, which moves
 * event time past every window of the first part. The materializer then writes the results into PostgreSQL, which
 * must hold every window of the first part exactly once with the values core's pure calculation gives for the events —
 * the same as a run without failures.
 *
 * <p>The runs read the topics without end: a bounded Kafka source restored from a checkpoint never finishes
 * (FLINK-31006, open in flink-connector-kafka 5.0), so {@code pipeline --bounded --resume} is refused.
 */
@ExtendWith(KafkaTestBroker.class)
class CheckpointRecoveryIT {

  private static final RoadNetwork NETWORK = new RoadNetworkLoader().load("metroville");
  private static final Instant START = Instant.parse("2026-11-26T06:45:00Z");
  /** Produced before the first run: the windows checked. */
  private static final Duration FIRST_PART = Duration.ofMinutes(10);
  /** Produced once the last run is up: moves event time on, so every window of the first part is final. */
  private static final Duration SECOND_PART = Duration.ofMinutes(3);
  private static final int KILLS = Integer.getInteger("kills", 3);

  @TempDir Path dir;

  @Test
  void aJobKilledThreeTimesResumesFromItsCheckpointsAndEveryWindowLandsInPostgresOnce(EmbeddedKafkaBroker broker)
      throws Exception {
    Path checkpoints = dir.resolve("checkpoints");
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("pipeline.parallelism", "2");
    settings.put("pipeline.checkpointDir", checkpoints.toString());
    // idleness is wall-clock time: on a loaded 2-core machine a starved partition must not count as idle and let the
    // watermark run ahead of it (its events would be late)
    settings.put("pipeline.idlenessSeconds", "3600");
    RoadstreamConfig config = TestConfigs.isolated(broker.bootstrapServers(), "kill", settings);
    Topics topics = config.kafka().topics();
    TopicCreator.ensure(KafkaClients.properties(config.kafka()), topics.all(), 4, (short) 1);

    List<SensorReading> readings = new ArrayList<>();
    List<ProbePosition> positions = new ArrayList<>();
    TrafficSimulation simulation = new TrafficSimulation(NETWORK, new ScenarioLoader().load("morning-peak"),
        SimulationSettings.defaults(START).withSeed(20261127).withDemandScale(0.5));
    Instant firstPartEnd = START.plus(FIRST_PART);
    produce(config, simulation, firstPartEnd, readings, positions);

    // the child gets exactly the test's settings
    List<String> args = new ArrayList<>(List.of("pipeline", "--resume"));
    for (String key : List.of("kafka.bootstrap", "kafka.topicPrefix", "pipeline.jobName",
        "pipeline.checkpointIntervalSeconds", "pipeline.checkpointDir", "pipeline.parallelism",
        "pipeline.idlenessSeconds")) {
      args.add("--set");
      args.add(key + "=" + value(config, key));
    }

    List<Path> resumedFrom = new ArrayList<>();
    for (int run = 1; run <= KILLS; run++) {
      Optional<Path> before = RetainedCheckpoints.latest(checkpoints);
      long checkpointsBefore = RetainedCheckpoints.count(checkpoints);
      Process job = startJob(args, run);
      try {
        await("run " + run + ": a new checkpoint").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
            .until(() -> RetainedCheckpoints.count(checkpoints) > checkpointsBefore || !job.isAlive());
        assertThat(job.isAlive()).as("run %d is still working when it is killed (exit: %s, log %s)", run,
            job.isAlive() ? "-" : job.exitValue(), log(run)).isTrue();
      } finally {
        job.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      before.ifPresent(resumedFrom::add);
    }
    Optional<Path> last = RetainedCheckpoints.latest(checkpoints);
    if (KILLS > 0) {
      assertThat(last).isPresent();
      assertThat(resumedFrom).as("every run made progress: each resumed from a later checkpoint")
          .doesNotContain(last.get()).doesNotHaveDuplicates();
    }

    Process lastRun = startJob(args, KILLS + 1);
    try {
      produce(config, simulation, firstPartEnd.plus(SECOND_PART), readings, positions);
      closeQuietReportPartitions(config, firstPartEnd.plus(SECOND_PART));
      List<SegmentStats> expected = ExpectedStats.of(NETWORK, readings, positions,
          Duration.ofSeconds(config.pipeline().windowSeconds())).stream()
          .filter(s -> s.windowEnd() <= firstPartEnd.toEpochMilli()).toList();
      checkPostgres(config, expected, firstPartEnd);
    } finally {
      lastRun.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Every window of the first part in PostgreSQL, once, as expected; read with SQL, not the repository. */
  private static void checkPostgres(RoadstreamConfig config, List<SegmentStats> expected, Instant firstPartEnd)
      throws Exception {
    Topics topics = config.kafka().topics();
    try (TestPostgres pg = TestPostgres.freshSchema("kill");
        Database db = Database.open(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD, pg.schema())) {
      Materializer<SegmentStats> materializer = Materializers.segmentStats(KafkaClients.properties(config.kafka()),
          config.kafka().topicPrefix() + "materializer", topics, new SegmentStatsRepository(db.dataSource()),
          rows -> { });
      Thread thread = new Thread(materializer, "materializer");
      thread.start();
      try {
        // a window that late data revised is replaced in PostgreSQL by its later record: the rows are compared once
        // the last revisions have landed, and a lost or doubled event would keep them from ever comparing equal
        await("all " + expected.size() + " windows of the first part in PostgreSQL, as expected")
            .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> StatsAssertions.assertSameStats(firstPart(pg, firstPartEnd), expected));
      } finally {
        materializer.close();
        thread.join(10_000);
      }
    }
  }

  private static List<SegmentStats> firstPart(TestPostgres pg, Instant end) throws Exception {
    return SegmentStatsTable.readAll(pg).stream().filter(s -> s.windowEnd() <= end.toEpochMilli()).toList();
  }

  private Process startJob(List<String> args, int run) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx768m", "-cp", System.getProperty("java.class.path"), Roadstream.class.getName()));
    command.addAll(args);
    java.nio.file.Files.createDirectories(log(run).getParent());
    File log = log(run).toFile();
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
  }

  /** Kept under target/ (not the temporary directory) so a failed run can be read afterwards. */
  private static Path log(int run) {
    return Path.of("target", "checkpoint-recovery", "run-" + run + ".log").toAbsolutePath();
  }

  private static String value(RoadstreamConfig c, String key) {
    return switch (key) {
      case "kafka.bootstrap" -> c.kafka().bootstrap();
      case "kafka.topicPrefix" -> c.kafka().topicPrefix();
      case "pipeline.jobName" -> c.pipeline().jobName();
      case "pipeline.checkpointIntervalSeconds" -> String.valueOf(c.pipeline().checkpointIntervalSeconds());
      case "pipeline.checkpointDir" -> c.pipeline().checkpointDir();
      case "pipeline.parallelism" -> String.valueOf(c.pipeline().parallelism());
      case "pipeline.idlenessSeconds" -> String.valueOf(c.pipeline().idlenessSeconds());
      default -> throw new IllegalArgumentException(key);
    };
  }

  /**
   * The simulator sends no incident reports, and an empty partition holds the watermark back until it counts as idle —
   * which the test sets to an hour. One closing report per partition of the reports topic, at the end of the second
   * part, lets event time pass every window of the first part. It refers to no open report and changes no statistic.
   */
  private static void closeQuietReportPartitions(RoadstreamConfig config, Instant time) throws Exception {
    Topics topics = config.kafka().topics();
    EventCodec codec = new EventCodec();
    String segment = NETWORK.segments().iterator().next().id();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producerProperties(config.kafka()),
        new StringSerializer(), new ByteArraySerializer())) {
      int partitions = producer.partitionsFor(topics.reports()).size();
      for (int p = 0; p < partitions; p++) {
        IncidentReport report = new IncidentReport("end-of-test-" + p, "operator:test", time.toEpochMilli(), "other",
            IncidentReport.CLOSED, false, segment, 10.0, null, null, null, null, "end of the test's traffic");
        producer.send(new ProducerRecord<>(topics.reports(), p, report.reportId(), codec.encode(report))).get();
      }
    }
  }

  /** Plays the simulation on to {@code until} into the raw topics, keeping what it produced. */
  private static void produce(RoadstreamConfig config, TrafficSimulation simulation, Instant until,
      List<SensorReading> readings, List<ProbePosition> positions) {
    Topics topics = config.kafka().topics();
    EventCodec codec = new EventCodec();
    // the expected windows count every event generated here: one that never reaches Kafka must fail the test as
    // that, not as windows that come out short three minutes later
    AtomicReference<Exception> failed = new AtomicReference<>();
    Callback sent = (metadata, e) -> {
      if (e != null) {
        failed.compareAndSet(null, e);
      }
    };
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producerProperties(config.kafka()),
        new StringSerializer(), new ByteArraySerializer())) {
      simulation.advanceTo(until.toEpochMilli(), new SimulationListener() {
        @Override
        public void onReading(SensorReading r) {
          readings.add(r);
          producer.send(new ProducerRecord<>(topics.readings(), r.sensorId(), codec.encode(r)), sent);
        }

        @Override
        public void onPosition(ProbePosition p) {
          positions.add(p);
          producer.send(new ProducerRecord<>(topics.positions(), p.vehicleId(), codec.encode(p)), sent);
        }
      });
      producer.flush();
    }
    assertThat(failed.get()).as("every generated event produced to Kafka").isNull();
  }

}
