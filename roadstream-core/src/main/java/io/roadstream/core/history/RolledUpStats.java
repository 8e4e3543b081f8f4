package io.roadstream.core.history;

import io.roadstream.core.event.SegmentStats;

/**
 * One segment's statistics over one period of history, at any resolution: the statistics (window start and end are
 * the period's) and the sums they were computed from, which the next coarser rollup adds up.
 */
public record RolledUpStats(HistoryResolution resolution, SegmentStats stats, TrafficSums sums) {

  /** A pipeline window as history at {@link HistoryResolution#MINUTE}. */
  public static RolledUpStats window(SegmentStats stats) {
    return new RolledUpStats(HistoryResolution.MINUTE, stats, TrafficSums.of(stats));
  }
}
