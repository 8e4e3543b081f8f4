package io.roadstream.app.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.roadstream.app.cluster.FlinkRestClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The roadstream Flink job's own metrics, read from its JobManager's REST API (the MiniCluster's in the demo, a
 * cluster's with {@code metrics.flinkRestUrl}) every few seconds and shown in this process's {@code /metrics}:
 * whether the job runs, its restarts, checkpoints (count by outcome, the last one's duration), and per job vertex
 * the records in and out and the input watermark. Bridging through REST rather than running Flink's Prometheus
 * reporter keeps one scrape target and one dashboard for the demo and a cluster alike; a cluster can run the reporter
 * as well for everything else Flink measures (docs/deploy.md). Labels: the job vertices' names, a fixed set.
 */
public final class FlinkJobMetrics implements Runnable, AutoCloseable {

  /** One job vertex: records in and out summed over its subtasks, its lowest input watermark (null: none yet). */
  record Vertex(String name, double recordsIn, double recordsOut, Long watermarkMillis) {}

  /** What the JobManager said last. */
  record Snapshot(boolean running, double restarts, double completedCheckpoints, double failedCheckpoints,
      Double lastCheckpointSeconds, List<Vertex> vertices) {
    static final Snapshot NONE = new Snapshot(false, 0, 0, 0, null, List.of());
  }

  private static final Logger LOG = LoggerFactory.getLogger(FlinkJobMetrics.class);

  private final FlinkRestClient flink;
  private final String restUrl;
  private final String jobName;
  private final Duration every;
  private final Clock clock;
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile Snapshot latest = Snapshot.NONE;
  private boolean warned;

  /**
   * @param restUrl the JobManager's REST address, {@code http://host:8081}
   * @param jobName the job's name ({@code pipeline.jobName}); the running job of that name is the one measured
   */
  public FlinkJobMetrics(String restUrl, String jobName, Duration every, Clock clock) {
    this.flink = new FlinkRestClient(restUrl);
    this.restUrl = restUrl;
    this.jobName = jobName;
    this.every = every;
    this.clock = clock;
  }

  /** Adds the job's metrics to {@code registry}; they show what the last poll found. */
  public FlinkJobMetrics register(PrometheusRegistry registry) {
    GaugeWithCallback.builder()
        .name("roadstream_flink_job_running")
        .help("1 while the JobManager reports the roadstream job RUNNING, 0 otherwise (or when it cannot be asked)")
        .callback(cb -> cb.call(latest.running() ? 1 : 0))
        .register(registry);
    CounterWithCallback.builder()
        .name("roadstream_flink_job_restarts_total")
        .help("Times the Flink job restarted after a failure (its numRestarts)")
        .callback(cb -> cb.call(latest.restarts()))
        .register(registry);
    CounterWithCallback.builder()
        .name("roadstream_flink_checkpoints_total")
        .help("Checkpoints of the Flink job by outcome (completed, failed)")
        .labelNames("outcome")
        .callback(cb -> {
          cb.call(latest.completedCheckpoints(), "completed");
          cb.call(latest.failedCheckpoints(), "failed");
        })
        .register(registry);
    GaugeWithCallback.builder()
        .name("roadstream_flink_last_checkpoint_duration_seconds")
        .help("End-to-end duration of the Flink job's latest completed checkpoint")
        .unit(Unit.SECONDS)
        .callback(cb -> {
          if (latest.lastCheckpointSeconds() != null) {
            cb.call(latest.lastCheckpointSeconds());
          }
        })
        .register(registry);
    CounterWithCallback.builder()
        .name("roadstream_flink_records_in_total")
        .help("Records a job vertex took in, summed over its subtasks (Flink's numRecordsIn)")
        .labelNames("vertex")
        .callback(cb -> latest.vertices().forEach(v -> cb.call(v.recordsIn(), v.name())))
        .register(registry);
    CounterWithCallback.builder()
        .name("roadstream_flink_records_out_total")
        .help("Records a job vertex emitted, summed over its subtasks (Flink's numRecordsOut)")
        .labelNames("vertex")
        .callback(cb -> latest.vertices().forEach(v -> cb.call(v.recordsOut(), v.name())))
        .register(registry);
    GaugeWithCallback.builder()
        .name("roadstream_flink_watermark_delay_seconds")
        .help("Wall clock minus a job vertex's lowest input watermark (event time): how far behind now the job's event "
            + "time is; with live sources a few seconds, in a replay or the sped-up simulation the data's age")
        .unit(Unit.SECONDS)
        .labelNames("vertex")
        .callback(cb -> {
          long now = clock.millis();
          latest.vertices().stream().filter(v -> v.watermarkMillis() != null)
              .forEach(v -> cb.call((now - v.watermarkMillis()) / 1000.0, v.name()));
        })
        .register(registry);
    return this;
  }

  @Override
  public void run() {
    try {
      do {
        try {
          latest = poll();
          warned = false;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (Exception e) {
          latest = new Snapshot(false, latest.restarts(), latest.completedCheckpoints(), latest.failedCheckpoints(),
              latest.lastCheckpointSeconds(), latest.vertices());
          if (!warned) {
            LOG.warn("cannot read the Flink job's metrics from {}: {}", restUrl, e.getMessage());
            warned = true;
          }
        }
      } while (!closed.await(every.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One look at the job: which it is, its job-level metrics and checkpoints, then each vertex. */
  Snapshot poll() throws Exception {
    Optional<FlinkRestClient.Job> job = flink.jobs().stream().filter(j -> j.name().equals(jobName))
        .min(Comparator.comparing((FlinkRestClient.Job j) -> !"RUNNING".equals(j.state())));
    if (job.isEmpty()) {
      return Snapshot.NONE;
    }
    String id = job.get().id();
    boolean running = "RUNNING".equals(job.get().state());
    double restarts = 0;
    for (JsonNode metric : flink.get("/jobs/" + id + "/metrics?get=numRestarts")) {
      restarts = metric.path("value").asDouble(0);
    }
    JsonNode checkpoints = flink.get("/jobs/" + id + "/checkpoints");
    JsonNode lastCompleted = checkpoints.path("latest").path("completed");
    Double lastSeconds = lastCompleted.isObject() && lastCompleted.has("end_to_end_duration")
        ? lastCompleted.path("end_to_end_duration").asDouble() / 1000.0 : null;
    List<Vertex> vertices = new ArrayList<>();
    for (JsonNode vertex : flink.get("/jobs/" + id).path("vertices")) {
      String base = "/jobs/" + id + "/vertices/" + vertex.path("id").asText();
      double in = 0;
      double out = 0;
      for (JsonNode metric : flink.get(base + "/subtasks/metrics?get="
          + URLEncoder.encode("numRecordsIn,numRecordsOut", StandardCharsets.UTF_8) + "&agg=sum")) {
        switch (metric.path("id").asText()) {
          case "numRecordsIn" -> in = metric.path("sum").asDouble(0);
          case "numRecordsOut" -> out = metric.path("sum").asDouble(0);
          default -> { }
        }
      }
      vertices.add(new Vertex(vertex.path("name").asText(), in, out, lowestWatermark(flink.get(base + "/watermarks"))));
    }
    return new Snapshot(running, restarts, checkpoints.path("counts").path("completed").asDouble(0),
        checkpoints.path("counts").path("failed").asDouble(0), lastSeconds, List.copyOf(vertices));
  }

  /** The lowest input watermark over the subtasks; null while any has none (Flink's Long.MIN_VALUE). */
  private static Long lowestWatermark(JsonNode watermarks) {
    Long lowest = null;
    for (JsonNode w : watermarks) {
      long value = w.path("value").asLong(Long.MIN_VALUE);
      if (value <= 0) {
        return null;
      }
      lowest = lowest == null ? value : Math.min(lowest, value);
    }
    return lowest;
  }

  @Override
  public void close() {
    closed.countDown();
  }
}
