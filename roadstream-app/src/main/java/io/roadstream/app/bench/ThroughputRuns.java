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
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The job's throughput over input already in Kafka, beside its reference measured in the same run: for each run, a
 * {@link KafkaPassThrough} of the raw topics, then the whole job, bounded, on a fresh MiniCluster. Each is measured
 * two ways: over the whole run (the job's time counts from submission to its finish after the final checkpoint, so
 * it includes the MiniCluster's start, the job's deployment and the JIT warming up; the pass-through has almost no
 * such fixed cost) and sustained, between the moments it had read 10 % and 90 % of the input
 * ({@link SustainedRate}; the job's progress polled through its REST API by {@link SourceRecordsPoller}). The
 * sustained ratio is the one to read against a target: it compares the two at their steady rates. Each run also
 * counts the segment-stats windows the job committed. Warm-up runs go first, the same as the others, and are
 * printed but not counted.
 */
public final class ThroughputRuns {

  /**
   * One run: events per second through the pass-through and the job over the whole run, the windows the job put
   * out, and the sustained rates of both.
   */
  public record Run(double passThrough, double job, long windows, SustainedRate passThroughSustained,
      SustainedRate jobSustained) {

    /** Job over pass-through, whole runs. */
    public double ratio() {
      return job / passThrough;
    }

    /** Job over pass-through, each over its 10–90 % window. */
    public double sustainedRatio() {
      return jobSustained.rate() / passThroughSustained.rate();
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

    public double sustainedPassThrough() {
      return median(runs.stream().map(r -> r.passThroughSustained().rate()).toList());
    }

    /** The median of the job's sustained rates: the most it keeps up with over input already waiting in Kafka. */
    public double sustainedJob() {
      return median(runs.stream().map(r -> r.jobSustained().rate()).toList());
    }

    /** The median of the runs' sustained ratios (not the ratio of the medians). */
    public double sustainedRatio() {
      return median(runs.stream().map(Run::sustainedRatio).toList());
    }
  }

  private ThroughputRuns() {}

  /**
   * @param configFor  the job's configuration for run n (1-based, warm-ups included): the topics holding the input, a
   *                   job name of its own
   * @param events     how many events the raw topics hold
   * @param scratch    the topic the pass-through writes to
   * @param warmUpRuns runs made first and left out of the result
   * @param runs       runs in the result
   */
  public static Result measure(IntFunction<RoadstreamConfig> configFor, Map<String, Object> client,
      RoadNetwork network, long events, String scratch, int warmUpRuns, int runs, Consumer<String> log)
      throws Exception {
    if (warmUpRuns < 0 || runs < 1) {
      throw new IllegalArgumentException("need at least one measured run and no negative number of warm-up runs, not "
          + runs + " and " + warmUpRuns);
    }
    List<Run> result = new ArrayList<>();
    long windowsBefore = 0;
    for (int run = 1; run <= warmUpRuns + runs; run++) {
      RoadstreamConfig cfg = configFor.apply(run);
      Topics topics = cfg.kafka().topics();
      KafkaPassThrough.Rates reference;
      try {
        reference = KafkaPassThrough.rates(client, List.of(topics.readings(), topics.positions()), scratch, events);
      } catch (IllegalStateException e) {
        throw new IllegalStateException("pass-through run " + run + ": " + e.getMessage(), e);
      }
      long start = System.nanoTime();
      List<SustainedRate.Sample> read;
      try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(cfg, network, true,
          SourceRecordsPoller.flinkSettings())) {
        read = SourceRecordsPoller.pollUntilFinished(pipeline, start, events, Duration.ofMinutes(30));
      }
      double rate = events * 1e9 / (System.nanoTime() - start);
      long windows = CommittedRecords.read(client, topics.segmentStats(), Duration.ofMinutes(2)).size();
      Run r = new Run(reference.whole(), rate, windows - windowsBefore, reference.sustained(),
          SustainedRate.of(read, events));
      windowsBefore = windows;
      boolean warmUp = run <= warmUpRuns;
      if (!warmUp) {
        result.add(r);
      }
      String label = warmUp ? "warm-up " + run : "run " + (run - warmUpRuns);
      log.accept(String.format("%s: pass-through %,.0f events/s (sustained %,.0f) · job %,.0f events/s "
              + "(sustained %,.0f, 10 %% → 90 %% of the input read at %.1f → %.1f s) · ratio %.2f (sustained %.2f) · "
              + "%,d segment-stats windows out", label, r.passThrough(), r.passThroughSustained().rate(), r.job(),
          r.jobSustained().rate(), r.jobSustained().fromNanos() / 1e9, r.jobSustained().toNanos() / 1e9, r.ratio(),
          r.sustainedRatio(), r.windows())
          + (SourceRecordsPoller.polled(read) ? "" : " (the job was over before a poll: its sustained rate is its "
          + "whole-run rate; give it more input with --simulated)"));
    }
    return new Result(result);
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
