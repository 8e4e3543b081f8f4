package io.roadstream.core.network;

import java.io.Serializable;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The road network that events refer to: directed segments linked upstream/downstream, detectors on segments, and
 * signalised intersections. Immutable; build it with {@link RoadNetworkLoader}.
 */
public final class RoadNetwork implements Serializable {

  private final String name;
  private final Map<String, Segment> segments;
  private final Map<String, Detector> detectors;
  private final Map<String, Intersection> intersections;

  public RoadNetwork(String name, List<Segment> segments, List<Detector> detectors, List<Intersection> intersections) {
    this.name = name;
    this.segments = index(segments, Segment::id);
    this.detectors = index(detectors, Detector::id);
    this.intersections = index(intersections, Intersection::id);
  }

  private static <T> Map<String, T> index(List<T> items, java.util.function.Function<T, String> id) {
    Map<String, T> byId = new LinkedHashMap<>();
    items.forEach(item -> byId.put(id.apply(item), item));
    return java.util.Collections.unmodifiableMap(byId);
  }

  public String name() {
    return name;
  }

  /** Segments in file order. */
  public Collection<Segment> segments() {
    return segments.values();
  }

  public Optional<Segment> segment(String id) {
    return Optional.ofNullable(segments.get(id));
  }

  public Segment requireSegment(String id) {
    Segment segment = segments.get(id);
    if (segment == null) {
      throw new IllegalArgumentException("no segment '" + id + "' in network '" + name + "'");
    }
    return segment;
  }

  public Collection<Detector> detectors() {
    return detectors.values();
  }

  public Optional<Detector> detector(String id) {
    return Optional.ofNullable(detectors.get(id));
  }

  public Collection<Intersection> intersections() {
    return intersections.values();
  }

  public Optional<Intersection> intersection(String id) {
    return Optional.ofNullable(intersections.get(id));
  }

  public List<Segment> upstreamOf(String segmentId) {
    return requireSegment(segmentId).upstream().stream().map(segments::get).toList();
  }

  public List<Segment> downstreamOf(String segmentId) {
    return requireSegment(segmentId).downstream().stream().map(segments::get).toList();
  }

  /** Detectors on one segment, in order of their offset. */
  public List<Detector> detectorsOn(String segmentId) {
    return detectors.values().stream()
        .filter(d -> d.segmentId().equals(segmentId))
        .sorted(java.util.Comparator.comparingDouble(Detector::offsetM))
        .toList();
  }
}
