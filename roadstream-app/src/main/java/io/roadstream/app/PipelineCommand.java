package io.roadstream.app;

import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.app.kafka.TopicCreator;
import io.roadstream.app.runtime.EmbeddedPipeline;
import io.roadstream.app.runtime.RetainedCheckpoints;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.embedded.KafkaLogLevels;
import io.roadstream.pipeline.RoadstreamJob;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.SavepointFormatType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The Flink job on a local MiniCluster against an existing Kafka: {@code flink run} without a Flink cluster. Its
 * checkpoints go to {@code pipeline.checkpointDir} and are kept when the process ends or dies, so {@code --resume}
 * picks up where the last run stopped; Ctrl-C stops the job with a savepoint, the state to start an upgraded job from.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = {"Runs the roadstream Flink job on a local MiniCluster against an existing Kafka cluster.",
        "Ctrl-C stops it with a savepoint (printed); --from-savepoint starts from one, --resume from the latest "
            + "checkpoint of an earlier run (after a crash)."})
public final class PipelineCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "the Kafka cluster (default: kafka.bootstrap)")
  String kafka;

  @Option(names = "--resume", description = "start from the latest checkpoint kept in pipeline.checkpointDir")
  boolean resume;

  @Option(names = "--from-savepoint", paramLabel = "PATH", description = "start from this savepoint or checkpoint")
  String fromSavepoint;

  @Option(names = "--allow-non-restored-state", description = "with --from-savepoint or --resume: drop state no "
      + "operator of this version claims (as flink run --allowNonRestoredState; see docs/deploy.md, Upgrades)")
  boolean allowNonRestoredState;

  @Option(names = "--bounded", description = "read the raw topics up to their end at start, then finish")
  boolean bounded;

  @Option(names = "--create-topics", description = "create the topics the job needs that do not exist yet, with "
      + "kafka.partitions partitions and one replica: for a development Kafka (a cluster's topics are created as "
      + "docs/deploy.md says)")
  boolean createTopics;

  @Option(names = "--rest-port", paramLabel = "PORT", description = "serve Flink's REST API on 127.0.0.1:PORT, for "
      + "roadstream savepoint --flink http://127.0.0.1:PORT and monitoring (default: a free port, printed)")
  int restPort;

  @Override
  public Integer call() throws Exception {
    KafkaLogLevels.quietUnlessConfigured();
    RoadstreamConfig cfg = config.loadWithKafka(kafka, "pipeline");
    String restoreFrom = restorePoint(cfg).orElse(null);
    checkTopics(cfg);
    CountDownLatch stopped = new CountDownLatch(1);
    try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(cfg, new RoadNetworkLoader().load(cfg.network()), bounded,
        restoreFrom, restPort, allowNonRestoredState)) {
      System.out.println("roadstream job " + pipeline.job().getJobID() + " running against " + cfg.kafka().bootstrap()
          + (restoreFrom == null ? "" : ", resumed from " + restoreFrom) + "; Ctrl-C to stop with a savepoint");
      System.out.println("Flink REST API: " + pipeline.restUrl() + " (roadstream savepoint --flink "
          + pipeline.restUrl() + "; roadstream serve --set metrics.flinkRestUrl=" + pipeline.restUrl()
          + " shows the job's metrics)");
      Thread hook = new Thread(() -> stopWithSavepoint(pipeline, cfg, stopped), "roadstream-pipeline-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      pipeline.job().getJobExecutionResult().get();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down: the hook is taking the savepoint; let it finish
        stopped.await(2, TimeUnit.MINUTES);
      }
    }
    return 0;
  }

  /**
   * Before a MiniCluster starts: a Kafka that does not answer, or a topic the job reads or writes that does not exist,
   * would otherwise only show as the sources' and sinks' warnings, repeated until Ctrl-C.
   */
  private void checkTopics(RoadstreamConfig cfg) {
    Map<String, Object> client = KafkaClients.properties(cfg.kafka());
    List<String> needed = cfg.kafka().topics().all();
    if (createTopics) {
      List<String> created = TopicCreator.ensure(client, needed, cfg.kafka().partitions(), (short) 1);
      if (!created.isEmpty()) {
        System.out.println("created " + created.size() + " topics with " + cfg.kafka().partitions()
            + " partitions each: " + String.join(", ", created));
      }
      return;
    }
    List<String> missing = TopicCreator.missing(client, needed);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("the job needs topics that " + cfg.kafka().bootstrap() + " does not have: "
          + String.join(", ", missing) + ". Create them (docs/deploy.md, Kafka topics), or give --create-topics on a "
          + "development Kafka");
    }
  }

  private Optional<String> restorePoint(RoadstreamConfig cfg) {
    if (fromSavepoint != null && resume) {
      throw new IllegalArgumentException("give --resume or --from-savepoint, not both");
    }
    if (bounded && (resume || fromSavepoint != null)) {
      // a bounded KafkaSource restored from state never signals its end (FLINK-31006, flink-connector-kafka 5.0)
      throw new IllegalArgumentException("--bounded cannot resume from a checkpoint or savepoint: the Kafka source "
          + "would never finish (FLINK-31006); resume without --bounded");
    }
    if (fromSavepoint != null) {
      return Optional.of(fromSavepoint);
    }
    if (!resume) {
      return Optional.empty();
    }
    String dir = cfg.pipeline().checkpointDir();
    if (dir.isBlank()) {
      throw new IllegalArgumentException("--resume needs pipeline.checkpointDir: checkpoints in memory die with the job");
    }
    URI uri = URI.create(RoadstreamJob.checkpointUri(dir));
    if (!"file".equals(uri.getScheme())) {
      throw new IllegalArgumentException("--resume looks for checkpoints on the local disk; for " + dir
          + " give the checkpoint to start from with --from-savepoint");
    }
    Optional<Path> latest = RetainedCheckpoints.latest(Path.of(uri));
    if (latest.isEmpty()) {
      System.out.println("no checkpoint in " + dir + " yet: starting from the beginning");
    }
    return latest.map(Path::toString);
  }

  private static void stopWithSavepoint(EmbeddedPipeline pipeline, RoadstreamConfig cfg, CountDownLatch stopped) {
    try {
      if (pipeline.job().getJobExecutionResult().isDone() || cfg.pipeline().checkpointDir().isBlank()) {
        return;
      }
      String target = RoadstreamJob.checkpointUri(cfg.pipeline().checkpointDir()) + "/savepoints";
      String savepoint = pipeline.job().stopWithSavepoint(false, target, SavepointFormatType.CANONICAL)
          .get(2, TimeUnit.MINUTES);
      System.out.println("stopped with savepoint " + savepoint + "\nstart from it with: roadstream pipeline "
          + "--from-savepoint " + savepoint);
    } catch (Exception e) {
      System.err.println("could not take a savepoint (" + e.getMessage() + "); the latest checkpoint in "
          + cfg.pipeline().checkpointDir() + " is kept: roadstream pipeline --resume");
    } finally {
      stopped.countDown();
    }
  }
}
