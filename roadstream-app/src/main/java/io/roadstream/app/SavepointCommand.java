package io.roadstream.app;

import io.roadstream.app.cluster.FlinkRestClient;
import io.roadstream.app.cluster.FlinkRestClient.Job;
import io.roadstream.app.cluster.FlinkRestClient.SavepointStatus;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.pipeline.RoadstreamJob;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Takes a savepoint of the roadstream job on a Flink cluster through its JobManager's REST API, and with {@code
 * --stop} stops the job with it: the state an upgraded job starts from ({@code flink run -s}).
 */
@Command(name = "savepoint", mixinStandardHelpOptions = true,
    description = {"Takes a savepoint of the running roadstream job on a Flink cluster (the JobManager's REST API);",
        "with --stop the job stops with it, for an upgrade: start the new jar with flink run -s <savepoint>."})
public final class SavepointCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @Option(names = "--flink", required = true, paramLabel = "URL",
      description = "the JobManager's REST address, e.g. http://jobmanager:8081")
  String flink;

  @Option(names = "--job", paramLabel = "JOB_ID",
      description = "the job (default: the one running job named pipeline.jobName)")
  String job;

  @Option(names = "--dir", paramLabel = "URI", description = "where to write the savepoint, a URI every Flink process "
      + "reaches (default: <pipeline.checkpointDir>/savepoints, or the cluster's own savepoint directory)")
  String dir;

  @Option(names = "--stop", description = "stop the job once the savepoint is taken")
  boolean stop;

  @Option(names = "--timeout", description = "give up waiting after this long (default: ${DEFAULT-VALUE})",
      defaultValue = "PT10M")
  Duration timeout;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    RoadstreamConfig cfg = config.load(Map.of());
    FlinkRestClient rest = new FlinkRestClient(flink);
    String jobId = job != null ? job : runningJob(rest, cfg.pipeline().jobName());
    Optional<String> target = Optional.ofNullable(dir).or(() -> cfg.pipeline().checkpointDir().isBlank()
        ? Optional.empty() : Optional.of(RoadstreamJob.checkpointUri(cfg.pipeline().checkpointDir()) + "/savepoints"));
    out.printf("%s job %s%s …%n", stop ? "stopping with a savepoint:" : "savepoint of", jobId,
        target.map(t -> " into " + t).orElse(" into the cluster's savepoint directory"));
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    awaitTasksRunning(rest, jobId, started, deadline);
    String request = rest.triggerSavepoint(jobId, target, stop);

    long nextNote = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    SavepointStatus status = rest.savepointStatus(jobId, request);
    while (!status.completed()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the savepoint did not complete within " + timeout + "; it may still: ask "
            + flink + "/jobs/" + jobId + "/savepoints/" + request);
      }
      if (System.nanoTime() > nextNote) {
        out.printf("  in progress (%d s)%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
        nextNote += Duration.ofSeconds(5).toNanos();
      }
      Thread.sleep(200); // polling a remote operation; the JobManager offers no way to wait for it
      status = rest.savepointStatus(jobId, request);
    }
    if (status.failure() != null) {
      throw new IllegalStateException("the savepoint failed: " + status.failure()
          + (stop ? "; the job keeps running" : ""));
    }
    out.printf("savepoint %s (%.1f s)%n", status.location(), (System.nanoTime() - started) / 1e9);
    if (stop) {
      out.println("the job is stopped; start the new version from it with:");
      out.println("  flink run -d -s " + status.location() + " roadstream-pipeline.jar --config roadstream.yaml");
      out.println("  or locally: roadstream pipeline --from-savepoint " + status.location());
    }
    return 0;
  }

  /**
   * A job just started, restarted after a failure, or restoring large state runs before all its tasks do, and Flink
   * declines a savepoint until they all run; waiting here saves the operator a retry by hand.
   */
  private void awaitTasksRunning(FlinkRestClient rest, String jobId, long started, long deadline) throws Exception {
    Map<String, Integer> starting = rest.tasksNotRunning(jobId);
    long nextNote = started;
    while (!starting.isEmpty()) {
      String state = rest.state(jobId);
      if (!state.equals("RUNNING")) {
        throw new IllegalStateException("job " + jobId + " is " + state + ", not RUNNING: no savepoint can be taken");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the job's tasks did not all start within " + timeout + " (" + starting
            + "); GET " + flink + "/jobs/" + jobId + " says which");
      }
      if (System.nanoTime() >= nextNote) {
        out.printf("  waiting for the job's tasks to run: %s%n", starting);
        nextNote += Duration.ofSeconds(5).toNanos();
      }
      Thread.sleep(200); // polling the JobManager, which offers no way to wait for task states
      starting = rest.tasksNotRunning(jobId);
    }
  }

  private static String runningJob(FlinkRestClient rest, String name) throws Exception {
    List<Job> running = rest.jobs().stream().filter(j -> j.name().equals(name) && j.state().equals("RUNNING"))
        .toList();
    if (running.size() != 1) {
      throw new IllegalArgumentException((running.isEmpty() ? "no running job is named '" + name + "'"
          : running.size() + " running jobs are named '" + name + "'") + " (pipeline.jobName); give --job JOB_ID "
          + "(see flink list, or " + "GET /jobs/overview)");
    }
    return running.get(0).id();
  }
}
