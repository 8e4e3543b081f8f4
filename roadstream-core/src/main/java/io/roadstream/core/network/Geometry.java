package io.roadstream.core.network;

import java.util.List;

/** Measurements along a WGS84 polyline. */
public final class Geometry {

  private Geometry() {}

  public static double length(List<LonLat> line) {
    double total = 0;
    for (int i = 1; i < line.size(); i++) {
      total += line.get(i - 1).distanceTo(line.get(i));
    }
    return total;
  }

  /** The point {@code distanceM} metres along the line (clamped to its ends). */
  public static LonLat pointAt(List<LonLat> line, double distanceM) {
    double remaining = Math.max(0, distanceM);
    for (int i = 1; i < line.size(); i++) {
      LonLat a = line.get(i - 1);
      LonLat b = line.get(i);
      double piece = a.distanceTo(b);
      if (remaining <= piece && piece > 0) {
        return a.towards(b, remaining / piece);
      }
      remaining -= piece;
    }
    return line.get(line.size() - 1);
  }

  /** Bearing of the polyline piece that holds the point {@code distanceM} metres along it. */
  public static double headingAt(List<LonLat> line, double distanceM) {
    double remaining = Math.max(0, distanceM);
    for (int i = 1; i < line.size(); i++) {
      LonLat a = line.get(i - 1);
      LonLat b = line.get(i);
      double piece = a.distanceTo(b);
      if (remaining <= piece || i == line.size() - 1) {
        return a.bearingTo(b);
      }
      remaining -= piece;
    }
    return 0;
  }
}
