package io.roadstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.app.kafka.TopicCreator;
import io.roadstream.app.runtime.EmbeddedPipeline;
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
import io.roadstream.embedded.FreePort;
import io.roadstream.ingest.simulator.ScenarioLoader;
import io.roadstream.ingest.simulator.SimulationListener;
import io.roadstream.ingest.simulator.SimulationSettings;
import io.roadstream.ingest.simulator.TrafficSimulation;
import io.roadstream.testkit.ExpectedStats;
import io.roadstream.testkit.KafkaTestClients;
import io.roadstream.testkit.StatsAssertions;
import io.roadstream.testkit.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #5, the Kafka side: the whole pipeline runs continuously (unbounded input, exactly-once, a checkpoint a second)
 * while its only broker goes away mid-stream for 15 s and comes back on the same port with the same data. The
 * segment-stats topic, read committed and deduplicated by nothing, must then hold every window of the simulated
 * traffic exactly once, equal to core's pure computation over the produced events (what a failure-free run gives),
 * and nothing else.
 */
class KafkaOutageIT {

  private static final RoadNetwork NETWORK = new RoadNetworkLoader().load("metroville");
  private static final Instant START = Instant.parse("2026-11-26T06:45:00Z");
  private static final Duration HALF = Duration.ofMinutes(3);
  private static final Duration OUTAGE = Duration.ofSeconds(15);
  private static final int PARTITIONS = 4;

  @TempDir Path dir;

  /** The simulated traffic, as events (for the expected values) and as the records that carry them. */
  private record Traffic(List<SensorReading> readings, List<ProbePosition> positions,
      List<ProducerRecord<byte[], byte[]>> records) {}

  @Test
  void aBrokerOutageMidStreamLosesAndDoublesNoWindow() throws Exception {
    int port = FreePort.on("127.0.0.1");
    Path data = dir.resolve("kafka");
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(data, port).start();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    ScheduledFuture<EmbeddedKafkaBroker> restarted = null;
    try {
      // No partition may count as idle in this test: after 15 s without records every partition would be, and the
      // first to resume would then drive the watermark alone, so that the others' backlog arrives late. That is
      // event-time completeness after a pause, not delivery; here every partition carries traffic (the reports
      // partitions a heartbeat report each) and the watermark is the minimum over all of them, as without failures.
      RoadstreamConfig config = TestConfigs.isolated(broker.bootstrapServers(), "kafka-outage",
          Map.of("pipeline.parallelism", "2", "pipeline.idlenessSeconds", "600"));
      Topics topics = config.kafka().topics();
      TopicCreator.ensure(KafkaClients.properties(config.kafka()), topics.all(), PARTITIONS, (short) 1);

      // one simulation (fixed seed), cut in two halves by event time
      SimulationSettings settings = SimulationSettings.defaults(START).withSeed(20261127).withDemandScale(0.5);
      TrafficSimulation simulation =
          new TrafficSimulation(NETWORK, new ScenarioLoader().load("morning-peak"), settings);
      Traffic first = simulate(simulation, START.plus(HALF), topics);
      Traffic second = simulate(simulation, START.plus(HALF).plus(HALF), topics);
      assertThat(first.readings()).hasSizeGreaterThan(300);
      assertThat(second.positions()).hasSizeGreaterThan(3_000);

      try (KafkaTestClients kafka = new KafkaTestClients(broker.bootstrapServers())) {
        kafka.produceRecords(first.records());
        kafka.produceRecords(heartbeats(START.plus(HALF), first, topics));
      }
      try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(config, NETWORK, false)) {
        // mid-stream: the job has committed output, holds window state and has a transaction open on every sink
        try (KafkaTestClients kafka = new KafkaTestClients(broker.bootstrapServers())) {
          await("the first committed segment stats").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
              .until(() -> !kafka.readToEnd(topics.segmentStats(), Duration.ofSeconds(30),
                  IsolationLevel.READ_COMMITTED).isEmpty());
        }
        broker.close();
        // the broker comes back after the outage, wherever the test thread is: a new instance, same port and data
        restarted = scheduler.schedule(
            () -> new EmbeddedKafkaBroker(data, port).start(), OUTAGE.toMillis(), TimeUnit.MILLISECONDS);
        broker = restarted.get(OUTAGE.plusMinutes(2).toMillis(), TimeUnit.MILLISECONDS);

        try (KafkaTestClients kafka = new KafkaTestClients(broker.bootstrapServers())) {
          kafka.awaitLeaders(topics.all(), Duration.ofSeconds(60));
          kafka.produceRecords(second.records());
          kafka.produceRecords(closingRecords(second, topics));
          kafka.produceRecords(heartbeats(closingTime(), second, topics));
          List<SegmentStats> expected = expectedStats(first, second);
          // done when the job has checkpointed past every input record and the stats it owes are committed; then
          // nothing more may arrive over a few checkpoints (a doubled window would show here)
          await("all " + expected.size() + " windows in segment-stats, every input offset checkpointed")
              .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
              .until(() -> inputCheckpointed(kafka, config, topics) && committedStats(kafka, topics).size()
                  >= expected.size());
          await("no further segment stats").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofSeconds(1))
              .until(() -> committedStats(kafka, topics).size() == expected.size());

          List<String> deadLetters = new ArrayList<>();
          for (ConsumerRecord<byte[], byte[]> r :
              kafka.readToEnd(topics.deadLetters(), Duration.ofSeconds(30), IsolationLevel.READ_COMMITTED)) {
            deadLetters.add(new EventCodec().decodeDeadLetter(r.value()).toString());
          }
          assertThat(deadLetters).as("dead letters: a valid event of the outage's traffic in them is lost to its window")
              .isEmpty();
          StatsAssertions.assertSameStats(committedStats(kafka, topics), expected);
        }
      }
    } finally {
      scheduler.shutdownNow();
      broker.close();
      if (restarted != null && restarted.isDone() && !restarted.isCancelled()) {
        // the restarted broker, also when the test failed before taking it over
        try {
          restarted.get().close();
        } catch (Exception failedToStart) {
          // nothing was started: nothing to close
        }
      }
    }
  }

  /** Advances the simulation to {@code until}: the events, and records keyed by their source. */
  private static Traffic simulate(TrafficSimulation simulation, Instant until, Topics topics) {
    EventCodec codec = new EventCodec();
    List<SensorReading> readings = new ArrayList<>();
    List<ProbePosition> positions = new ArrayList<>();
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    simulation.advanceTo(until.toEpochMilli(), new SimulationListener() {
      @Override
      public void onReading(SensorReading r) {
        readings.add(r);
        // no Kafka timestamp (the producer's now): yesterday's event times would fall to time-based retention
        records.add(new ProducerRecord<>(topics.readings(), r.sensorId().getBytes(StandardCharsets.UTF_8),
            codec.encode(r)));
      }

      @Override
      public void onPosition(ProbePosition p) {
        positions.add(p);
        records.add(new ProducerRecord<>(topics.positions(), p.vehicleId().getBytes(StandardCharsets.UTF_8),
            codec.encode(p)));
      }
    });
    return new Traffic(readings, positions, records);
  }

  /**
   * One reading and one position, ten minutes after the traffic, on every partition of their topics: they move the
   * watermark past every simulated window (and its allowed lateness), as later traffic would. Their own windows stay
   * open, so they add no statistics.
   */
  private static List<ProducerRecord<byte[], byte[]>> closingRecords(Traffic last, Topics topics) {
    EventCodec codec = new EventCodec();
    long time = closingTime().toEpochMilli();
    SensorReading r = last.readings().get(last.readings().size() - 1);
    ProbePosition p = last.positions().get(last.positions().size() - 1);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int partition = 0; partition < PARTITIONS; partition++) {
      // a detector whose own readings live on this partition: the same detector on another partition could overtake
      // its real readings still in flight there, and the job would reject those as out of order
      SensorReading reading = new SensorReading(detectorKeyedTo(partition), time, r.intervalSeconds(),
          r.vehicleCount(), r.avgSpeedKmh(), r.occupancy());
      ProbePosition position = new ProbePosition("closing-" + partition, time, p.lat(), p.lon(), p.segmentId(),
          p.offsetM(), p.lane(), p.speedKmh(), p.headingDeg());
      records.add(new ProducerRecord<>(topics.readings(), partition, reading.sensorId().getBytes(StandardCharsets.UTF_8),
          codec.encode(reading)));
      records.add(new ProducerRecord<>(topics.positions(), partition,
          position.vehicleId().getBytes(StandardCharsets.UTF_8), codec.encode(position)));
    }
    return records;
  }

  /** The first detector of the network that Kafka's default partitioner puts on {@code partition}. */
  private static String detectorKeyedTo(int partition) {
    return NETWORK.detectors().stream().map(d -> d.id())
        .filter(id -> Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % PARTITIONS == partition)
        .findFirst().orElseThrow();
  }

  private static Instant closingTime() {
    return START.plus(HALF).plus(HALF).plus(Duration.ofMinutes(10));
  }

  /**
   * An unverified debris report on every reports partition at {@code time}: it moves that partition's watermark
   * (the reports carry no other traffic here) and touches no segment statistics.
   */
  private static List<ProducerRecord<byte[], byte[]>> heartbeats(Instant time, Traffic traffic, Topics topics) {
    EventCodec codec = new EventCodec();
    String segment = traffic.positions().get(0).segmentId();
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int partition = 0; partition < PARTITIONS; partition++) {
      IncidentReport report = new IncidentReport("heartbeat-" + partition + "-" + time.toEpochMilli(),
          "operator:test", time.toEpochMilli(), "debris", IncidentReport.OPEN, false, segment, 10.0, null, null, null,
          null, "");
      records.add(new ProducerRecord<>(topics.reports(), partition,
          report.reportId().getBytes(StandardCharsets.UTF_8), codec.encode(report)));
    }
    return records;
  }

  private static List<SegmentStats> expectedStats(Traffic... halves) {
    List<SensorReading> readings = new ArrayList<>();
    List<ProbePosition> positions = new ArrayList<>();
    for (Traffic t : halves) {
      readings.addAll(t.readings());
      positions.addAll(t.positions());
    }
    return ExpectedStats.of(NETWORK, readings, positions, Duration.ofMinutes(1));
  }

  /** Every segment-stats record a read_committed consumer sees, decoded, none merged or dropped. */
  private static List<SegmentStats> committedStats(KafkaTestClients kafka, Topics topics) throws Exception {
    EventCodec codec = new EventCodec();
    List<SegmentStats> stats = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r :
        kafka.readToEnd(topics.segmentStats(), Duration.ofSeconds(30), IsolationLevel.READ_COMMITTED)) {
      stats.add(codec.decodeStats(r.value()));
    }
    return stats;
  }

  /**
   * Whether the job's source has committed, on a completed checkpoint, offsets at the end of the readings and
   * positions: every input record has been processed and its output committed with that checkpoint.
   */
  private static boolean inputCheckpointed(KafkaTestClients kafka, RoadstreamConfig config, Topics topics)
      throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (String topic : List.of(topics.readings(), topics.positions())) {
      for (int p = 0; p < PARTITIONS; p++) {
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
    }
    Map<TopicPartition, OffsetAndMetadata> committed = kafka.admin()
        .listConsumerGroupOffsets(config.pipeline().jobName() + "-pipeline").partitionsToOffsetAndMetadata()
        .get(10, TimeUnit.SECONDS);
    return kafka.admin().listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
        .allMatch(e -> committed.get(e.getKey()) != null
            && committed.get(e.getKey()).offset() >= e.getValue().offset());
  }
}
