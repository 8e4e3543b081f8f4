package io.roadstream.core.congestion;

import io.roadstream.core.event.SegmentStats;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A change of a jam, with its evidence: the latest window of every segment in it (for a clearing: of the segments
 * that left it).
 *
 * @param time         event time of the change: the end of the window that caused it
 * @param segmentIds   the jam's segments from head to tail (empty when cleared)
 * @param lengthKm     queue length: the length of those segments
 * @param minSpeedKmh  the lowest segment speed in the jam, null if no window had a speed
 */
public record CongestionEvent(
    String jamId,
    CongestionEventType type,
    long time,
    long openedAt,
    String headSegmentId,
    String tailSegmentId,
    String[] segmentIds,
    double lengthKm,
    Double minSpeedKmh,
    SegmentStats[] evidence) implements Serializable {

  @Override
  public boolean equals(Object o) {
    return o instanceof CongestionEvent e && jamId.equals(e.jamId) && type == e.type && time == e.time
        && openedAt == e.openedAt && Objects.equals(headSegmentId, e.headSegmentId)
        && Objects.equals(tailSegmentId, e.tailSegmentId) && Arrays.equals(segmentIds, e.segmentIds)
        && lengthKm == e.lengthKm && Objects.equals(minSpeedKmh, e.minSpeedKmh) && Arrays.equals(evidence, e.evidence);
  }

  @Override
  public int hashCode() {
    return Objects.hash(jamId, type, time) * 31 + Arrays.hashCode(segmentIds);
  }

  @Override
  public String toString() {
    return "CongestionEvent[" + type + " " + jamId + " at " + time + ": " + String.join(" <- ", segmentIds) + ", "
        + String.format("%.1f km", lengthKm) + "]";
  }
}
