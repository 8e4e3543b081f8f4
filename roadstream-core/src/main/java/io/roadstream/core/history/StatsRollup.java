package io.roadstream.core.history;

import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.network.Segment;
import io.roadstream.core.traffic.SegmentStatsCalculator;
import java.util.Collection;

/**
 * Rolls finer history up into one coarser period: the period's sums are the sum of its parts' ({@link TrafficSums}
 * says how each quantity is weighted), and Level of Service and travel time are recomputed from the period's own
 * density and speed with the same rules as a window ({@link SegmentStatsCalculator#levelOfService}), never averaged
 * from the parts' letters. Pure: the same parts always give the same row, so a period is simply rolled up again
 * from all its current parts when one of them is revised.
 */
public final class StatsRollup {

  private StatsRollup() {}

  /**
   * @param segment     the segment as the network has it; null when the network no longer has it, which leaves
   *                    Level of Service and travel time unknown (they need its class, lanes and length)
   * @param periodStart the period's start, aligned to {@code resolution}
   * @param parts       the finer rows (pipeline windows, or 15-minute rollups) that start in the period
   */
  public static RolledUpStats rollUp(HistoryResolution resolution, String segmentId, Segment segment,
      long periodStart, Collection<TrafficSums> parts) {
    if (resolution == HistoryResolution.MINUTE) {
      throw new IllegalArgumentException("pipeline windows are not rolled up; they are the finest history");
    }
    if (resolution.periodStart(periodStart) != periodStart) {
      throw new IllegalArgumentException(periodStart + " is not the start of a " + resolution.label() + " period");
    }
    TrafficSums sums = TrafficSums.NONE;
    for (TrafficSums part : parts) {
      sums = sums.plus(part);
    }
    Double speed = sums.speedKmh();
    Double density = sums.densityVehPerKmPerLane();
    Double travelTime = segment == null ? null : SegmentStatsCalculator.travelTimeS(segment, speed, density);
    LevelOfService los = segment == null ? null : SegmentStatsCalculator.levelOfService(segment, density, speed);
    SegmentStats stats = new SegmentStats(segmentId, periodStart, periodStart + resolution.period().toMillis(), speed,
        sums.flowVehPerHour(), density, sums.occupancy(), travelTime, los, sums.detectorSamples(),
        sums.probeSamples());
    return new RolledUpStats(resolution, stats, sums);
  }
}
