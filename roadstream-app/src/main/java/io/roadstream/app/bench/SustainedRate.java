package io.roadstream.app.bench;

import java.util.List;

/**
 * The steady part of a run over a known number of input records: the moments it had read 10 % and 90 % of them, and
 * the rate between, which leaves out what a whole-run rate includes at its ends (a MiniCluster's start, the job's
 * deployment, the JIT warming up, the final checkpoint).
 *
 * <p>The moments are interpolated linearly between the two samples on either side of each threshold (the last below
 * it and the first at or above it), not taken at the samples themselves: with a poll a second that is worth several
 * percent of a ten-second window. A sample that shows a threshold exactly gives its moment exactly.
 *
 * @param fromCount records read at the first moment: 10 % of the input, rounded up
 * @param fromNanos when they had been read, in nanoseconds since the samples' origin (the run's start)
 * @param toCount   records read at the second moment: 90 % of the input, rounded up
 * @param toNanos   when they had been read, likewise
 */
public record SustainedRate(long fromCount, long fromNanos, long toCount, long toNanos) {

  /** How many records had been read at a moment, in nanoseconds since the run's start. */
  public record Sample(long nanos, long count) {}

  public SustainedRate {
    if (toCount <= fromCount || toNanos <= fromNanos) {
      throw new IllegalArgumentException("a sustained rate needs records and time between its moments: "
          + fromCount + " at " + fromNanos + " ns, " + toCount + " at " + toNanos + " ns");
    }
  }

  /**
   * The window between 10 % and 90 % of {@code total} records in {@code samples}.
   *
   * @param samples in time order; counters summed over a job's subtasks may dip for a moment (one subtask not yet
   *                reported), so counts need not be monotonic: each threshold is crossed at its first sample at or
   *                above it
   * @throws IllegalArgumentException if the samples do not start below 10 % and reach 90 %, or {@code total} is
   *                                  too small to have two distinct thresholds
   */
  public static SustainedRate of(List<Sample> samples, long total) {
    long from = fromCount(total);
    long to = toCount(total);
    if (to <= from) {
      throw new IllegalArgumentException("too few records for a 10–90 % window: " + total);
    }
    return new SustainedRate(from, momentReached(samples, from), to, momentReached(samples, to));
  }

  /** The window's first threshold: 10 % of {@code total} records, rounded up. */
  public static long fromCount(long total) {
    return (total + 9) / 10; // in integers: 0.1 × total in doubles can land a hair above a whole count
  }

  /** The window's second threshold: 90 % of {@code total} records, rounded up. */
  public static long toCount(long total) {
    return (9 * total + 9) / 10;
  }

  private static long momentReached(List<Sample> samples, long count) {
    for (int i = 0; i < samples.size(); i++) {
      Sample after = samples.get(i);
      if (after.count() >= count) {
        if (i == 0) {
          throw new IllegalArgumentException("the first sample (" + after.count() + " records) is already at or "
              + "above " + count + ": when it was reached is unknown");
        }
        Sample before = samples.get(i - 1);
        double share = (double) (count - before.count()) / (after.count() - before.count());
        return before.nanos() + Math.round(share * (after.nanos() - before.nanos()));
      }
    }
    throw new IllegalArgumentException("the samples never reach " + count + " records (last: "
        + (samples.isEmpty() ? "none" : samples.get(samples.size() - 1).count()) + ")");
  }

  /** Records per second between the two moments. */
  public double rate() {
    return (toCount - fromCount) * 1e9 / (toNanos - fromNanos);
  }

  /** Seconds between the two moments. */
  public double seconds() {
    return (toNanos - fromNanos) / 1e9;
  }
}
