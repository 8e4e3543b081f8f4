package io.roadstream.app.bench;

/**
 * One fixed-rate run of the pipeline: the rate asked for and achieved, the statistics it put out, and the latency
 * of its segment-statistics windows to each destination.
 *
 * @param guarantee      the job's Kafka delivery guarantee
 * @param targetRate     events per second asked for
 * @param sentRate       events per second achieved (first send to last acknowledgement)
 * @param statsPerSecond segment-statistics windows per second out, over the measured span
 * @param kafka          window closable → visible to a read_committed consumer of the stats topic
 * @param postgres       window closable → row found in {@code segment_stats}
 * @param earlyP50Ms     the Kafka latency's median over the first half of the measured windows
 * @param lateP50Ms      the same over the second half: a latency that grows from the first half to the second is
 *                       a backlog growing, a rate the pipeline does not sustain
 * @param notInPostgres  windows seen in Kafka but not in PostgreSQL when the run ended
 * @param checkpoints    the job's checkpoints in the run, trigger to completion (what exactly-once output waits
 *                       for beyond the interval)
 */
public record LatencyPoint(String guarantee, double targetRate, double sentRate, double statsPerSecond,
    Latencies kafka, Latencies postgres, long earlyP50Ms, long lateP50Ms, long notInPostgres,
    Checkpoints checkpoints) {

  /** Completed checkpoints and their end-to-end durations as Flink's REST API sums them up. */
  public record Checkpoints(long completed, long p50Ms, long p99Ms, long maxMs) {}

  /** Percentiles of one destination, in milliseconds, over {@code windows} windows. */
  public record Latencies(long windows, long p50Ms, long p99Ms, long maxMs) {

    static Latencies of(LatencyHistogram histogram) {
      return new Latencies(histogram.count(), histogram.percentile(0.5), histogram.percentile(0.99), histogram.max());
    }
  }
}
