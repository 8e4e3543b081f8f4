package io.roadstream.core.signal;

import io.roadstream.core.network.Intersection;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups an intersection's approaches into signal phases when the network holds no phase data: opposite approaches
 * move together, as in a basic two-phase plan. An approach belongs to the north–south phase when its direction of
 * travel where it enters the junction (the heading at the end of the segment) is within 45° of north or south, to
 * the east–west phase otherwise; exactly 45° counts as north–south. Turning movements get no phase of their own,
 * so a junction with heavy protected left turns is under-planned by this grouping.
 */
public final class PhaseGrouping {

  private PhaseGrouping() {}

  /**
   * The approach segment ids in at most two phases, north–south first, each in the intersection's approach order.
   * A phase with no approach (a T-junction whose stem runs north–south, say, still has two) is left out.
   *
   * @throws IllegalArgumentException when an approach is not a segment of the network
   */
  public static List<List<String>> byHeading(Intersection intersection, RoadNetwork network) {
    List<String> northSouth = new ArrayList<>();
    List<String> eastWest = new ArrayList<>();
    for (String approach : intersection.approaches()) {
      Segment segment = network.requireSegment(approach);
      (isNorthSouth(segment.headingAt(segment.lengthM())) ? northSouth : eastWest).add(approach);
    }
    List<List<String>> phases = new ArrayList<>();
    if (!northSouth.isEmpty()) {
      phases.add(List.copyOf(northSouth));
    }
    if (!eastWest.isEmpty()) {
      phases.add(List.copyOf(eastWest));
    }
    return List.copyOf(phases);
  }

  /** @param headingDeg degrees clockwise from north */
  static boolean isNorthSouth(double headingDeg) {
    double h = Math.toRadians(headingDeg);
    // |cos| ≥ |sin| exactly when the heading is within 45° of the north–south axis; the margin keeps a heading of
    // exactly 45° (where rounding makes |cos| and |sin| differ in the last bit) on the documented side.
    return Math.abs(Math.cos(h)) >= Math.abs(Math.sin(h)) - 1e-12;
  }
}
