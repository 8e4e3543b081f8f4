package io.roadstream.core.network;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Map-matches a WGS84 position to the segment it lies on: the nearest segment within a tolerance whose direction of
 * travel agrees with the vehicle's heading (when known), so the two carriageways of one road are told apart.
 * A grid index keeps each lookup to the segments near the point.
 */
public final class SegmentMatcher implements Serializable {

  /** A match: the segment and the distance along it, metres (scaled to the segment's nominal length). */
  public record Match(Segment segment, double offsetM, double distanceM) {}

  private static final double CELL_DEGREES = 0.005; // about 550 m north-south
  private static final double MAX_HEADING_DIFFERENCE = 60;

  private final double toleranceM;
  private final Map<Long, List<Segment>> cells = new HashMap<>();

  public SegmentMatcher(RoadNetwork network, double toleranceM) {
    this.toleranceM = toleranceM;
    for (Segment segment : network.segments()) {
      double minLon = Double.MAX_VALUE, maxLon = -Double.MAX_VALUE, minLat = Double.MAX_VALUE, maxLat = -Double.MAX_VALUE;
      for (LonLat p : segment.geometry()) {
        minLon = Math.min(minLon, p.lon());
        maxLon = Math.max(maxLon, p.lon());
        minLat = Math.min(minLat, p.lat());
        maxLat = Math.max(maxLat, p.lat());
      }
      for (long x = cell(minLon) - 1; x <= cell(maxLon) + 1; x++) {
        for (long y = cell(minLat) - 1; y <= cell(maxLat) + 1; y++) {
          cells.computeIfAbsent(key(x, y), k -> new ArrayList<>()).add(segment);
        }
      }
    }
  }

  public Optional<Match> match(double lat, double lon, Double headingDeg) {
    LonLat p = new LonLat(lon, lat);
    Match best = null;
    for (Segment segment : cells.getOrDefault(key(cell(lon), cell(lat)), List.of())) {
      Match m = project(segment, p);
      if (m.distanceM() > toleranceM) {
        continue;
      }
      if (headingDeg != null && angleBetween(headingDeg, segment.headingAt(m.offsetM())) > MAX_HEADING_DIFFERENCE) {
        continue;
      }
      if (best == null || m.distanceM() < best.distanceM()) {
        best = m;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The point of {@code segment} nearest to {@code p}: its offset along the segment and its distance from the line,
   * with a local planar approximation that is exact enough over one segment.
   */
  public static Match project(Segment segment, LonLat p) {
    List<LonLat> line = segment.geometry();
    double cosLat = Math.cos(Math.toRadians(p.lat()));
    double best = Double.MAX_VALUE;
    double bestAlong = 0;
    double along = 0;
    for (int i = 1; i < line.size(); i++) {
      LonLat a = line.get(i - 1);
      LonLat b = line.get(i);
      double dx = (b.lon() - a.lon()) * cosLat;
      double dy = b.lat() - a.lat();
      double len2 = dx * dx + dy * dy;
      double t = len2 == 0 ? 0
          : Math.max(0, Math.min(1, (((p.lon() - a.lon()) * cosLat) * dx + (p.lat() - a.lat()) * dy) / len2));
      double d = a.towards(b, t).distanceTo(p);
      double piece = a.distanceTo(b);
      if (d < best) {
        best = d;
        bestAlong = along + t * piece;
      }
      along += piece;
    }
    double scale = along > 0 ? segment.lengthM() / along : 1;
    return new Match(segment, bestAlong * scale, best);
  }

  private static double angleBetween(double a, double b) {
    double d = Math.abs(a - b) % 360;
    return d > 180 ? 360 - d : d;
  }

  private static long cell(double degrees) {
    return (long) Math.floor(degrees / CELL_DEGREES);
  }

  private static long key(long x, long y) {
    return (x << 32) ^ (y & 0xffffffffL);
  }
}
