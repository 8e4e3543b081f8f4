package io.roadstream.app.bench;

/**
 * Latencies in whole milliseconds, counted per millisecond up to ten minutes (beyond that in one overflow bucket,
 * whose real values only {@link #max} keeps): exact percentiles at 2.4 MB, whatever the number of answers. Not
 * thread-safe.
 */
public final class LatencyHistogram {

  static final int BUCKETS = 600_000;

  private final long[] counts = new long[BUCKETS + 1];
  private long count;
  private long max;

  /** Counts one latency; a negative one (clocks a millisecond apart) as 0. */
  public void record(long millis) {
    long ms = Math.max(0, millis);
    counts[(int) Math.min(ms, BUCKETS)]++;
    count++;
    max = Math.max(max, ms);
  }

  public long count() {
    return count;
  }

  /** The largest latency recorded, 0 if none. */
  public long max() {
    return max;
  }

  /** The smallest latency that {@code fraction} (0..1] of all are at or below, 0 if none were recorded. */
  public long percentile(double fraction) {
    if (fraction <= 0 || fraction > 1) {
      throw new IllegalArgumentException("fraction must be in (0, 1], was " + fraction);
    }
    if (count == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(fraction * count);
    long seen = 0;
    for (int ms = 0; ms < counts.length; ms++) {
      seen += counts[ms];
      if (seen >= rank) {
        return ms == BUCKETS ? max : ms;
      }
    }
    return max;
  }

  /** Latencies above {@code millis}. */
  public long above(long millis) {
    long n = 0;
    for (int ms = (int) Math.min(millis + 1, BUCKETS); ms < counts.length; ms++) {
      n += counts[ms];
    }
    return n;
  }
}
