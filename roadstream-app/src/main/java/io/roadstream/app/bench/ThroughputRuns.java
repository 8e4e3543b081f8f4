package io.roadstream.app.bench;

import io.roadstream.app.kafka.CommittedRecords;
import io.roadstream.app.runtime.EmbeddedPipeline;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.Topics;
import io.roadstream.core.network.RoadNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The job's sustained throughput over input already in Kafka, beside its reference measured in the same run: for
 * each run, a {@link KafkaPassThrough} of the raw topics, then the whole job, bounded, on a fresh MiniCluster (its
 * time counts from submission to the final committed checkpoint, so it includes the MiniCluster's start). Each run
 * also counts the segment-stats windows the job committed.
 */
public final class ThroughputRuns {

  /** One run: events per second through the pass-through and the job, and the windows the job put out. */
  public record Run(double passThrough, double job, long windows) {
    public double ratio() {
      return job / passThrough;
    }
  }

  /** The runs, with their medians. */
  public record Result(List<Run> runs) {
    public double passThrough() {
      return median(runs.stream().map(Run::passThrough).toList());
    }

    public double job() {
      return median(runs.stream().map(Run::job).toList());
    }

    public double ratio() {
      return median(runs.stream().map(Run::ratio).toList());
    }
  }

  private ThroughputRuns() {}

  /**
   * @param configFor the job's configuration for run n (1-based): the topics holding the input, a job name of its own
   * @param events    how many events the raw topics hold
   * @param scratch   the topic the pass-through writes to
   */
  public static Result measure(IntFunction<RoadstreamConfig> configFor, Map<String, Object> client,
      RoadNetwork network, long events, String scratch, int runs, Consumer<String> log) throws Exception {
    List<Run> result = new ArrayList<>();
    long windowsBefore = 0;
    for (int run = 1; run <= runs; run++) {
      RoadstreamConfig cfg = configFor.apply(run);
      Topics topics = cfg.kafka().topics();
      double reference;
      try {
        reference = KafkaPassThrough.measure(client, List.of(topics.readings(), topics.positions()), scratch, events);
      } catch (IllegalStateException e) {
        throw new IllegalStateException("pass-through run " + run + ": " + e.getMessage(), e);
      }
      long start = System.nanoTime();
      try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(cfg, network, true)) {
        pipeline.awaitFinished(30, TimeUnit.MINUTES);
      }
      double rate = events * 1e9 / (System.nanoTime() - start);
      long windows = CommittedRecords.read(client, topics.segmentStats(), Duration.ofMinutes(2)).size();
      Run r = new Run(reference, rate, windows - windowsBefore);
      windowsBefore = windows;
      result.add(r);
      log.accept(String.format("run %d: Kafka pass-through %,.0f events/s · Flink job %,.0f events/s (ratio %.2f), "
          + "%,d segment-stats windows out", run, r.passThrough(), r.job(), r.ratio(), r.windows()));
    }
    return new Result(result);
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
