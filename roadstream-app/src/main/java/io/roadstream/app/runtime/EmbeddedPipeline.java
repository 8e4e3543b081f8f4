package io.roadstream.app.runtime;

import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.pipeline.RoadstreamJob;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The roadstream Flink job on a MiniCluster in this JVM: the same {@link RoadstreamJob#build} wiring that
 * {@code flink run} submits to a cluster.
 */
public final class EmbeddedPipeline implements AutoCloseable {

  private final JobClient job;

  private EmbeddedPipeline(JobClient job) {
    this.job = job;
  }

  /** Submits the job and returns once it is running (the MiniCluster starts with it). */
  public static EmbeddedPipeline start(RoadstreamConfig config, RoadNetwork network, boolean boundedInput)
      throws Exception {
    return start(config, network, boundedInput, null);
  }

  /**
   * As {@link #start(RoadstreamConfig, RoadNetwork, boolean)}, resuming the state of a savepoint or a retained
   * checkpoint.
   *
   * @param restoreFrom a savepoint or checkpoint directory (or its URI); null = start from nothing
   */
  public static EmbeddedPipeline start(RoadstreamConfig config, RoadNetwork network, boolean boundedInput,
      String restoreFrom) throws Exception {
    return start(config, network, boundedInput, restoreFrom, 0);
  }

  /**
   * As {@link #start(RoadstreamConfig, RoadNetwork, boolean, String)}, with the MiniCluster's REST API (the one
   * {@code flink} and {@code roadstream savepoint} talk to) on 127.0.0.1:{@code restPort}.
   *
   * @param restPort 0 = a free port nobody is told about
   */
  public static EmbeddedPipeline start(RoadstreamConfig config, RoadNetwork network, boolean boundedInput,
      String restoreFrom, int restPort) throws Exception {
    Configuration flink = new Configuration();
    flink.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    flink.set(RestOptions.BIND_PORT, String.valueOf(restPort));
    if (restoreFrom != null) {
      flink.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
    }
    flink.set(TaskManagerOptions.NUM_TASK_SLOTS, config.pipeline().parallelism());
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(config.pipeline().parallelism(), flink);
    RoadstreamJob.build(env, config, network, boundedInput);
    return new EmbeddedPipeline(env.executeAsync(config.pipeline().jobName()));
  }

  public JobClient job() {
    return job;
  }

  /** Waits for a bounded job to finish; an exception if it failed. */
  public void awaitFinished(long timeout, TimeUnit unit) throws Exception {
    job.getJobExecutionResult().get(timeout, unit);
  }

  @Override
  public void close() throws Exception {
    // a finished job has taken its MiniCluster down with it: nothing left to cancel
    if (!job.getJobExecutionResult().isDone()) {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
  }
}
