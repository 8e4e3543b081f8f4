package io.roadstream.app;

import io.roadstream.app.runtime.EmbeddedPipeline;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.network.RoadNetworkLoader;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The Flink job on a local MiniCluster against an existing Kafka: {@code flink run} without a Flink cluster. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = "Runs the roadstream Flink job on a local MiniCluster against an existing Kafka cluster.")
public final class PipelineCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @Option(names = "--kafka", paramLabel = "HOST:PORT", required = true, description = "the Kafka cluster to read and write")
  String kafka;

  @Override
  public Integer call() throws Exception {
    RoadstreamConfig cfg = config.load(Map.of("kafka.bootstrap", kafka));
    try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(cfg, new RoadNetworkLoader().load(cfg.network()), false)) {
      System.out.println("roadstream job " + pipeline.job().getJobID() + " running against " + kafka
          + "; Ctrl-C to stop");
      pipeline.job().getJobExecutionResult().get();
    }
    return 0;
  }
}
