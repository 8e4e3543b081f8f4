package io.roadstream.core.history;

import java.util.Collection;
import java.util.Optional;

/**
 * The typical speed of a segment in one quarter hour of the week, from that quarter hour's speed in each of the last
 * weeks (one value per week: the 15-minute rollup's space-mean speed).
 *
 * <p>The <b>median</b>, not the mean: the baseline is meant to show what a normal week looks like, so that a detector
 * can tell an unusual one, and the weeks that are unusual — a crash, a holiday, road works — are exactly the ones that
 * would drag a mean. With eight weeks, the median moves only when three weeks agree; a trimmed mean would need more
 * weeks than a few before it trims anything. The 15th and 85th percentiles say how much the slot usually varies, so a
 * detector can ask "is this below what we see in 85 % of weeks?". Percentiles are interpolated linearly between the
 * ordered values (Hyndman–Fan type 7, as R's and NumPy's defaults), so with one week all three are that week.
 *
 * @param samples the weeks with a speed in this slot
 */
public record TypicalSpeed(WeekSlot slot, double medianKmh, double p15Kmh, double p85Kmh, int samples) {

  /** The typical speed from one speed per week; empty when no week has one (nulls and non-finite values are gaps). */
  public static Optional<TypicalSpeed> of(WeekSlot slot, Collection<Double> weeklySpeeds) {
    double[] speeds = weeklySpeeds.stream().filter(v -> v != null && Double.isFinite(v) && v >= 0)
        .mapToDouble(Double::doubleValue).sorted().toArray();
    if (speeds.length == 0) {
      return Optional.empty();
    }
    return Optional.of(new TypicalSpeed(slot, quantile(speeds, 0.5), quantile(speeds, 0.15), quantile(speeds, 0.85),
        speeds.length));
  }

  /** Linear interpolation between closest ranks of sorted values (type 7). */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

}
