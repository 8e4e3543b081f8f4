package io.roadstream.app;

import io.roadstream.app.bench.KafkaPassThrough;

import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.app.kafka.TopicCreator;
import io.roadstream.app.runtime.Directories;
import io.roadstream.app.runtime.EmbeddedPipeline;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.Topics;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.embedded.KafkaLogLevels;
import io.roadstream.ingest.simulator.ScenarioLoader;
import io.roadstream.ingest.simulator.SimulationListener;
import io.roadstream.ingest.simulator.SimulationSettings;
import io.roadstream.ingest.simulator.TrafficSimulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Sustained throughput of the segment-statistics job in the demo's shape (embedded broker, MiniCluster), measured
 * beside its reference: a plain Kafka consume + produce of the same records on the same broker in the same run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = LinearRoadBenchCommand.class,
    description = {"Measures the segment-statistics job's throughput beside a plain Kafka pass-through.",
        "Generates simulator traffic into an embedded broker, then runs the Flink job on a MiniCluster and a plain",
        "consume-and-produce loop over the same records, several times; prints medians and their ratio."})
public final class BenchCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @Option(names = "--simulated", description = "simulated traffic to generate (default: ${DEFAULT-VALUE})",
      defaultValue = "PT60M")
  Duration simulated;

  @Option(names = "--demand-scale", description = "simulator demand multiplier (default: ${DEFAULT-VALUE})",
      defaultValue = "2.0")
  double demandScale;

  @Option(names = "--probe-interval", description = "seconds between probe reports (default: ${DEFAULT-VALUE})",
      defaultValue = "2")
  int probeInterval;

  @Option(names = "--runs", description = "job runs over the same input (default: ${DEFAULT-VALUE})", defaultValue = "3")
  int runs;

  @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "an existing Kafka instead of an embedded broker")
  String kafka;

  @Override
  public Integer call() throws Exception {
    KafkaLogLevels.quietUnlessConfigured();
    Path dir = Files.createTempDirectory("roadstream-bench");
    EmbeddedKafkaBroker broker = null;
    try {
      String bootstrap = kafka;
      if (bootstrap == null) {
        broker = new EmbeddedKafkaBroker(dir.resolve("kafka")).start();
        bootstrap = broker.bootstrapServers();
      }
      String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 6) + ".";
      RoadstreamConfig base = config.load(Map.of("kafka.bootstrap", bootstrap, "kafka.topicPrefix", prefix));
      Topics topics = base.kafka().topics();
      Map<String, Object> client = KafkaClients.properties(base.kafka());
      List<String> all = new ArrayList<>(topics.all());
      all.add(prefix + "passthrough");
      TopicCreator.ensure(client, all, base.kafka().partitions(), (short) 1);
      RoadNetwork network = new RoadNetworkLoader().load(base.network());

      System.out.printf("generating %s of simulated traffic (demand ×%.1f, probes every %d s) into %s …%n",
          simulated, demandScale, probeInterval, bootstrap);
      long[] generated = generate(base, network, topics);
      System.out.printf("  %,d events, produced at %,.0f events/s%n", generated[0], generated[0] * 1e9 / generated[1]);

      List<Double> passthrough = new ArrayList<>();
      List<Double> job = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      long windowsBefore = 0;
      for (int run = 1; run <= runs; run++) {
        double reference = passThrough(client, topics, prefix + "passthrough", generated[0], run);
        passthrough.add(reference);
        RoadstreamConfig cfg = config.load(Map.of("kafka.bootstrap", bootstrap, "kafka.topicPrefix", prefix,
            "pipeline.jobName", prefix + "job" + run));
        long start = System.nanoTime();
        try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(cfg, network, true)) {
          pipeline.awaitFinished(30, TimeUnit.MINUTES);
        }
        double rate = generated[0] * 1e9 / (System.nanoTime() - start);
        job.add(rate);
        ratios.add(rate / reference);
        long windows = committedRecords(client, topics.segmentStats());
        System.out.printf("  run %d: Kafka pass-through %,.0f events/s · Flink job %,.0f events/s (ratio %.2f), "
            + "%,d segment-stats windows out%n", run, reference, rate, rate / reference, windows - windowsBefore);
        windowsBefore = windows;
      }
      System.out.printf("%nmedians of %d runs over %,d events: Kafka pass-through %,.0f events/s · segment-stats job "
          + "%,.0f events/s · job / pass-through %.2f%n", runs, generated[0], median(passthrough), median(job),
          median(ratios));
      System.out.println("(job time includes its start on a fresh MiniCluster and the final checkpoint)");
      return 0;
    } finally {
      if (broker != null) {
        broker.close();
      }
      Directories.deleteRecursively(dir);
    }
  }

  /** @return {events, nanoseconds} */
  private long[] generate(RoadstreamConfig cfg, RoadNetwork network, Topics topics) {
    Instant start = Instant.parse("2026-11-26T06:45:00Z");
    SimulationSettings settings = SimulationSettings.defaults(start).withDemandScale(demandScale)
        .withProbeIntervalS(probeInterval).withSeed(cfg.simulator().seed());
    TrafficSimulation simulation = new TrafficSimulation(network, new ScenarioLoader().load(cfg.simulator().scenario()),
        settings);
    EventCodec codec = new EventCodec();
    long[] count = new long[1];
    // Kafka timestamps are left to the producer, as the simulator does: event time is in the payload
    long began = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producerProperties(cfg.kafka()),
        new StringSerializer(), new ByteArraySerializer())) {
      simulation.advanceTo(start.plus(simulated).toEpochMilli(), new SimulationListener() {
        @Override
        public void onReading(SensorReading r) {
          producer.send(new ProducerRecord<>(topics.readings(), r.sensorId(), codec.encode(r)));
          count[0]++;
        }

        @Override
        public void onPosition(ProbePosition p) {
          producer.send(new ProducerRecord<>(topics.positions(), p.vehicleId(), codec.encode(p)));
          count[0]++;
        }
      });
      producer.flush();
    }
    return new long[] {count[0], System.nanoTime() - began};
  }

  /** Consume every raw record and produce it unchanged to a scratch topic: no parsing, no state. */
  private static double passThrough(Map<String, Object> client, Topics topics, String target, long expected, int run) {
    try {
      return KafkaPassThrough.measure(client, List.of(topics.readings(), topics.positions()), target, expected);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("pass-through run " + run + ": " + e.getMessage(), e);
    }
  }

  /** Records a read_committed consumer sees in {@code topic}: transaction markers are not counted. */
  private static long committedRecords(Map<String, Object> client, String topic) {
    Map<String, Object> props = new HashMap<>(client);
    props.put("isolation.level", "read_committed");
    long count = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        count += consumer.poll(Duration.ofMillis(500)).count();
      }
    }
    return count;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
