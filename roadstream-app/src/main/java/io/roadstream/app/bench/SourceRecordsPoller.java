package io.roadstream.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.roadstream.app.cluster.FlinkRestClient;
import io.roadstream.app.runtime.EmbeddedPipeline;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many input records a bounded job on a MiniCluster has read, polled through its REST API once a second until the
 * job finishes: {@code numRecordsIn} of its source vertices, summed over their subtasks
 * ({@code /jobs/:job/vertices/:vertex/subtasks/metrics?get=numRecordsIn&agg=sum}). A source task's
 * {@code numRecordsIn} is its Kafka source reader's count of records taken from Kafka, before deserialization or
 * any filter; on a finished run it equals the records in the input topics.
 *
 * <p>Timing: the REST API answers metric queries from a store its MetricFetcher refreshes asynchronously (a query
 * starts a refresh if the last is older than {@code metrics.fetcher.update-interval}, and is answered from the store
 * as it stands), so a value was read from the task up to about one poll before the moment its sample is stamped with
 * (when its request was sent). The lag is about the same at either end of a window and largely cancels; what remains
 * is the jitter of the refresh at each end.
 */
public final class SourceRecordsPoller {

  /**
   * Not more often: every poll makes the MiniCluster dump all its metrics (hundreds of Kafka client metrics among
   * them), and at a poll every 150 ms that cost the job about a fifth of its rate on this 2-core machine
   * (2026-12-07, two rounds of five runs beside the same build without polling).
   */
  static final Duration EVERY = Duration.ofSeconds(1);
  private static final Duration FIRST_ANSWER_EVERY = Duration.ofMillis(100);
  private static final Logger LOG = LoggerFactory.getLogger(SourceRecordsPoller.class);

  private final EmbeddedPipeline pipeline;
  private final FlinkRestClient rest;
  private List<String> sourceVertices;
  private Exception lastFailure;

  private SourceRecordsPoller(EmbeddedPipeline pipeline) {
    this.pipeline = pipeline;
    this.rest = new FlinkRestClient(pipeline.restUrl());
  }

  /**
   * The Flink settings a job polled this way is started with: metrics refreshed on every poll instead of Flink's
   * default of at most every 10 s.
   */
  public static Configuration flinkSettings() {
    Configuration flink = new Configuration();
    flink.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, EVERY.dividedBy(2));
    return flink;
  }

  /**
   * Polls until the job has finished and returns the samples, in nanoseconds since {@code startNanos}: first
   * (0, 0) — nothing was read before the run started —, then each poll the REST API answered, then the moment
   * the job was seen finished with all {@code total} records (a finished bounded job has read its whole input). A job
   * over before any poll was answered gets just those two: its sustained rate is then its whole-run rate
   * ({@link #polled} tells).
   *
   * @param startNanos the run's start, {@link System#nanoTime()} before the job was started
   * @throws IllegalStateException if the job did not finish within {@code timeout}
   * @throws java.util.concurrent.ExecutionException if the job failed
   */
  public static List<SustainedRate.Sample> pollUntilFinished(EmbeddedPipeline pipeline, long startNanos, long total,
      Duration timeout) throws Exception {
    return new SourceRecordsPoller(pipeline).poll(startNanos, total, timeout);
  }

  private List<SustainedRate.Sample> poll(long startNanos, long total, Duration timeout) throws Exception {
    List<SustainedRate.Sample> samples = new ArrayList<>();
    samples.add(new SustainedRate.Sample(0, 0));
    CompletableFuture<?> finished = pipeline.job().getJobExecutionResult();
    long deadline = startNanos + timeout.toNanos();
    long next = System.nanoTime();
    while (true) {
      try {
        finished.get(Math.max(0, next - System.nanoTime()), TimeUnit.NANOSECONDS);
        break;
      } catch (TimeoutException notYet) {
        // time for the next poll
      }
      long now = System.nanoTime();
      if (now - deadline > 0) {
        throw new IllegalStateException("the job did not finish within " + timeout);
      }
      sourceRecordsRead().ifPresent(read -> samples.add(new SustainedRate.Sample(now - startNanos, read)));
      // quickly until the first answer (the job starting; a short job may be over in a second), then once a second
      long every = samples.size() == 1 ? FIRST_ANSWER_EVERY.toNanos() : EVERY.toNanos();
      next = Math.max(next + every, now); // a slow answer delays the next poll, it does not bunch them
    }
    long end = System.nanoTime();
    if (samples.size() == 1 && lastFailure != null) {
      LOG.info("the job's REST API at {} answered no poll of its sources' records read before the job finished "
          + "(last: {})", pipeline.restUrl(), lastFailure.getMessage());
    }
    samples.add(new SustainedRate.Sample(end - startNanos, total));
    return samples;
  }

  /** Whether {@code samples} hold an answered poll, not only the run's start and end. */
  public static boolean polled(List<SustainedRate.Sample> samples) {
    return samples.size() > 2;
  }

  /** The records the sources have read, or empty while the REST API cannot tell (the job starting, shutting down). */
  private OptionalLong sourceRecordsRead() throws InterruptedException {
    String job = "/jobs/" + pipeline.job().getJobID();
    try {
      if (sourceVertices == null) {
        sourceVertices = sourceVertices(rest.get(job));
      }
      long read = 0;
      for (String vertex : sourceVertices) {
        JsonNode metrics = rest.get(job + "/vertices/" + vertex + "/subtasks/metrics?get=numRecordsIn&agg=sum");
        JsonNode sum = metrics.path(0).path("sum");
        if (!sum.isNumber()) {
          return OptionalLong.empty(); // no subtask has reported yet
        }
        read += sum.asLong();
      }
      return OptionalLong.of(read);
    } catch (IOException e) {
      lastFailure = e;
      return OptionalLong.empty();
    }
  }

  /** The ids of the job's source vertices: those Flink names "Source: …" (a chain starting at a source). */
  private static List<String> sourceVertices(JsonNode job) {
    List<String> ids = new ArrayList<>();
    for (JsonNode vertex : job.path("vertices")) {
      if (vertex.path("name").asText().startsWith("Source: ")) {
        ids.add(vertex.path("id").asText());
      }
    }
    if (ids.isEmpty()) {
      throw new IllegalStateException("the job has no vertex named 'Source: …' to read its progress from: "
          + job.path("vertices"));
    }
    return ids;
  }
}
