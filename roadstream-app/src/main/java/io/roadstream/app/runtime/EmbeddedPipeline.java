package io.roadstream.app.runtime;

import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.embedded.FreePort;
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
  private final int restPort;

  private EmbeddedPipeline(JobClient job, int restPort) {
    this.job = job;
    this.restPort = restPort;
  }

  /** Submits the job and returns once it is running (the MiniCluster starts with it). */
  public static EmbeddedPipeline start(RoadstreamConfig config, RoadNetwork network, boolean boundedInput)
      throws Exception {
    return start(config, network, boundedInput, (String) null);
  }

  /**
   * As {@link #start(RoadstreamConfig, RoadNetwork, boolean)}, with Flink settings of the caller's besides
   * roadstream's own (a benchmark's faster metric fetching, say); where both set one, roadstream's wins.
   */
  public static EmbeddedPipeline start(RoadstreamConfig config, RoadNetwork network, boolean boundedInput,
      Configuration flinkSettings) throws Exception {
    return start(config, network, boundedInput, null, 0, false, flinkSettings);
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
   * @param restPort 0 = a free port, which {@link #restUrl()} tells
   */
  public static EmbeddedPipeline start(RoadstreamConfig config, RoadNetwork network, boolean boundedInput,
      String restoreFrom, int restPort) throws Exception {
    return start(config, network, boundedInput, restoreFrom, restPort, false);
  }

  /**
   * As {@link #start(RoadstreamConfig, RoadNetwork, boolean, String, int)}; with {@code allowNonRestoredState}, state
   * in {@code restoreFrom} that no operator of this job claims (an operator an upgrade removed) is dropped instead of
   * refusing the savepoint — {@code flink run --allowNonRestoredState}.
   */
  public static EmbeddedPipeline start(RoadstreamConfig config, RoadNetwork network, boolean boundedInput,
      String restoreFrom, int restPort, boolean allowNonRestoredState) throws Exception {
    return start(config, network, boundedInput, restoreFrom, restPort, allowNonRestoredState, new Configuration());
  }

  private static EmbeddedPipeline start(RoadstreamConfig config, RoadNetwork network, boolean boundedInput,
      String restoreFrom, int restPort, boolean allowNonRestoredState, Configuration flinkSettings) throws Exception {
    Configuration flink = new Configuration(flinkSettings);
    // the MiniCluster does not say which port it bound, and its metrics are read through it: choose one here (the
    // probe socket is closed just before Flink binds the port: another process taking it in between is unlikely)
    int port = restPort == 0 ? FreePort.on("127.0.0.1") : restPort;
    flink.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    flink.set(RestOptions.BIND_PORT, String.valueOf(port));
    if (restoreFrom != null) {
      flink.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
      flink.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, allowNonRestoredState);
    }
    flink.set(TaskManagerOptions.NUM_TASK_SLOTS, config.pipeline().parallelism());
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(config.pipeline().parallelism(), flink);
    RoadstreamJob.build(env, config, network, boundedInput);
    return new EmbeddedPipeline(env.executeAsync(config.pipeline().jobName()), port);
  }

  /** The MiniCluster's REST API (the JobManager's: jobs, metrics, savepoints), on 127.0.0.1. */
  public String restUrl() {
    return "http://127.0.0.1:" + restPort;
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
