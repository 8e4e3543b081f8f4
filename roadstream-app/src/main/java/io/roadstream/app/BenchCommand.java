package io.roadstream.app;

import io.roadstream.app.bench.BenchInput;
import io.roadstream.app.bench.RecordedTraffic;
import io.roadstream.app.bench.ThroughputRuns;
import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.app.kafka.TopicCreator;
import io.roadstream.app.runtime.Directories;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.Topics;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.embedded.KafkaLogLevels;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Sustained throughput of the segment-statistics job in the demo's shape (embedded broker, MiniCluster), measured
 * beside its reference: a plain Kafka consume + produce of the same records on the same broker in the same run. The
 * headline ratio compares their rates between the moments each had read 10 % and 90 % of the input; the whole-run
 * ratio (the job's including its MiniCluster's start and final checkpoint) is printed beside it.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    subcommands = {PipelineBenchCommand.class, LinearRoadBenchCommand.class},
    description = {"Measures the segment-statistics job's throughput beside a plain Kafka pass-through.",
        "Generates simulator traffic into an embedded broker, then runs the Flink job on a MiniCluster and a plain",
        "consume-and-produce loop over the same records, several times; prints the medians of their sustained rates",
        "(between the moments each had read 10 % and 90 % of the input) and their ratio, and beside them the same",
        "over whole runs (the job's from submission to finish, its MiniCluster's start and final checkpoint included).",
        "'bench pipeline' adds latency at fixed rates and a plot; 'bench linear-road' runs Linear Road."})
public final class BenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConfigOptions config;

  @Mixin BenchInputOptions input;

  @Mixin ThroughputRunOptions runs;

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
      PrintWriter console = spec.commandLine().getOut();
      measureThroughput(config, bootstrap, prefix, input.input(), runs, dir, console);
      console.println("(sustained: between the moments 10 % and 90 % of the input had been read; whole run: the job "
          + "from submission to finish, its start on a fresh MiniCluster and its final checkpoint included)");
      return 0;
    } finally {
      if (broker != null) {
        broker.close();
      }
      Directories.deleteRecursively(dir);
    }
  }

  /**
   * Records the input, sends it to topics under {@code prefix}, then measures the pass-through and the job over it
   * {@code runs.runs} times after {@code runs.warmUpRuns} warm-up runs, printing as it goes.
   *
   * @param workDir the benchmark's scratch directory: the jobs' checkpoints go there
   */
  static Measured measureThroughput(ConfigOptions config, String bootstrap, String prefix, BenchInput input,
      ThroughputRunOptions runs, Path workDir, PrintWriter console) throws Exception {
    RoadstreamConfig base = config.load(Map.of("kafka.bootstrap", bootstrap, "kafka.topicPrefix", prefix));
    Topics topics = base.kafka().topics();
    Map<String, Object> client = KafkaClients.properties(base.kafka());
    List<String> all = new ArrayList<>(topics.all());
    all.add(prefix + "passthrough");
    TopicCreator.ensure(client, all, base.kafka().partitions(), (short) 1);
    RoadNetwork network = new RoadNetworkLoader().load(base.network());

    console.printf("recording %s …%n", input.describe());
    long began = System.nanoTime();
    RecordedTraffic traffic = input.record(base, network);
    console.printf("  %,d events in %.0f s; sending them to %s …%n", traffic.size(),
        (System.nanoTime() - began) / 1e9, bootstrap);
    began = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producerProperties(base.kafka()),
        new StringSerializer(), new ByteArraySerializer())) {
      traffic.sendAll(producer, topics);
    }
    console.printf("  sent at %,.0f events/s%n", traffic.size() * 1e9 / (System.nanoTime() - began));

    ThroughputRuns.Result result = ThroughputRuns.measure(run -> config.load(jobSettings(bootstrap, prefix,
            prefix + "job" + run, workDir)),
        client, network, traffic.size(), prefix + "passthrough", runs.warmUpRuns, runs.runs,
        line -> console.println("  " + line));
    console.printf("%nmedians of %d runs over %,d events, sustained (10 %% → 90 %% of the input read): Kafka "
        + "pass-through %,.0f events/s · segment-stats job %,.0f events/s · sustained job / pass-through %.2f%n",
        runs.runs, traffic.size(), result.sustainedPassThrough(), result.sustainedJob(), result.sustainedRatio());
    console.printf("  whole runs: Kafka pass-through %,.0f events/s · segment-stats job %,.0f events/s · "
        + "job / pass-through %.2f%n", result.passThrough(), result.job(), result.ratio());
    return new Measured(traffic, network, result);
  }

  /** A benchmark job's own topics, name and checkpoints (kept out of the working directory). */
  static Map<String, String> jobSettings(String bootstrap, String prefix, String jobName, Path workDir) {
    return Map.of("kafka.bootstrap", bootstrap, "kafka.topicPrefix", prefix, "pipeline.jobName", jobName,
        "pipeline.checkpointDir", workDir.resolve("checkpoints").toString());
  }

  /** The recorded input, its network, and the throughput runs over it. */
  record Measured(RecordedTraffic traffic, RoadNetwork network, ThroughputRuns.Result result) {}
}
