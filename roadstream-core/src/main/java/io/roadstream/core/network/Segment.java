package io.roadstream.core.network;

import java.io.Serializable;
import java.util.List;

/**
 * A directed stretch of road between two junctions (or a cut of a long road), the unit that statistics,
 * jams and alerts refer to. Its geometry runs in the direction of travel.
 *
 * @param capacityVehPerHourPerLane the flow at which the segment breaks down
 * @param upstream                  segments whose traffic flows into this one
 * @param downstream                segments this one's traffic flows into
 */
public record Segment(
    String id,
    String name,
    RoadClass roadClass,
    int lanes,
    double lengthM,
    double freeFlowKmh,
    double capacityVehPerHourPerLane,
    List<LonLat> geometry,
    List<String> upstream,
    List<String> downstream) implements Serializable {

  public Segment {
    geometry = List.copyOf(geometry);
    upstream = List.copyOf(upstream);
    downstream = List.copyOf(downstream);
  }

  public double lengthKm() {
    return lengthM / 1000.0;
  }

  /** Travel time at free-flow speed, seconds. */
  public double freeFlowTravelTimeS() {
    return lengthM / (freeFlowKmh / 3.6);
  }

  /** The point {@code offsetM} metres from the start along the geometry, clamped to the segment. */
  public LonLat pointAt(double offsetM) {
    double geometricLength = Geometry.length(geometry);
    double target = Math.max(0, Math.min(offsetM, lengthM)) * geometricLength / lengthM;
    return Geometry.pointAt(geometry, target);
  }

  /** Heading of travel at {@code offsetM}, degrees clockwise from north. */
  public double headingAt(double offsetM) {
    double geometricLength = Geometry.length(geometry);
    double target = Math.max(0, Math.min(offsetM, lengthM)) * geometricLength / lengthM;
    return Geometry.headingAt(geometry, target);
  }
}
