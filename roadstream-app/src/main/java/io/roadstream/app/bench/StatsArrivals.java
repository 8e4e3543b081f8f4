package io.roadstream.app.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each segment-statistics window (segment, window start) was first seen at a destination — consumed from
 * Kafka, or found in PostgreSQL — by {@link System#nanoTime()}. Later revisions of a window (late events) keep the
 * first sighting. Filled by one thread, read by others.
 */
public final class StatsArrivals {

  /** A window's first sighting. */
  public record Arrival(String segmentId, long windowStart, long windowEnd, long seenNanos) {}

  private final Map<String, Arrival> first = new ConcurrentHashMap<>();

  public void seen(String segmentId, long windowStart, long windowEnd, long nanos) {
    first.putIfAbsent(segmentId + "@" + windowStart, new Arrival(segmentId, windowStart, windowEnd, nanos));
  }

  /** The window's first sighting, or null if it was not seen. */
  public Arrival get(String segmentId, long windowStart) {
    return first.get(segmentId + "@" + windowStart);
  }

  public List<Arrival> all() {
    return new ArrayList<>(first.values());
  }
}
