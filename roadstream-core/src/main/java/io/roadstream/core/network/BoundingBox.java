package io.roadstream.core.network;

import java.util.List;

/**
 * A longitude/latitude rectangle, as {@code bbox=minLon,minLat,maxLon,maxLat} in the API (GeoJSON's order). It does
 * not cross the antimeridian; at road-network scale the rectangle is taken in plain degrees, like a web map's view.
 */
public record BoundingBox(double minLon, double minLat, double maxLon, double maxLat) {

  public BoundingBox {
    if (!(minLon <= maxLon) || !(minLat <= maxLat)) {
      throw new IllegalArgumentException("a bounding box needs minLon <= maxLon and minLat <= maxLat");
    }
  }

  public boolean contains(LonLat p) {
    return p.lon() >= minLon && p.lon() <= maxLon && p.lat() >= minLat && p.lat() <= maxLat;
  }

  /** Whether any part of the polyline lies in the box (a vertex inside, or an edge crossing it). */
  public boolean intersects(List<LonLat> line) {
    if (line.size() == 1) {
      return contains(line.get(0));
    }
    for (int i = 1; i < line.size(); i++) {
      if (clips(line.get(i - 1), line.get(i))) {
        return true;
      }
    }
    return false;
  }

  /** Liang–Barsky: whether the straight piece a→b has a part inside the box. */
  private boolean clips(LonLat a, LonLat b) {
    double dx = b.lon() - a.lon();
    double dy = b.lat() - a.lat();
    double[] p = {-dx, dx, -dy, dy};
    double[] q = {a.lon() - minLon, maxLon - a.lon(), a.lat() - minLat, maxLat - a.lat()};
    double t0 = 0;
    double t1 = 1;
    for (int i = 0; i < 4; i++) {
      if (p[i] == 0) {
        if (q[i] < 0) {
          return false; // parallel to this edge and outside it
        }
      } else {
        double t = q[i] / p[i];
        if (p[i] < 0) {
          t0 = Math.max(t0, t);
        } else {
          t1 = Math.min(t1, t);
        }
        if (t0 > t1) {
          return false;
        }
      }
    }
    return true;
  }
}
