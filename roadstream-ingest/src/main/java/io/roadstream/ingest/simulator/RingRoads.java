package io.roadstream.ingest.simulator;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The roads of a network that close on themselves (a ring road: following its own name downstream leads back to
 * where one started), with their circumference.
 */
final class RingRoads {

  private final Map<String, Double> circumferenceM = new HashMap<>();

  RingRoads(Collection<SegmentState> segments) {
    for (SegmentState start : segments) {
      String road = start.segment.name();
      if (circumferenceM.containsKey(road)) {
        continue;
      }
      double length = start.segment.lengthM();
      Set<SegmentState> seen = new HashSet<>();
      SegmentState at = start;
      while (seen.add(at)) {
        SegmentState next = sameRoadDownstream(at);
        if (next == null) {
          break;
        }
        if (next == start) {
          circumferenceM.put(road, length);
          break;
        }
        length += next.segment.lengthM();
        at = next;
      }
    }
  }

  private static SegmentState sameRoadDownstream(SegmentState from) {
    for (SegmentState next : from.downstream) {
      if (next.segment.name().equals(from.segment.name())) {
        return next;
      }
    }
    return null;
  }

  /** Whether driving {@code metres} along {@code road} takes one at least half-way round it. */
  boolean halfWayRound(String road, double metres) {
    Double circumference = circumferenceM.get(road);
    return circumference != null && metres >= circumference / 2;
  }
}
