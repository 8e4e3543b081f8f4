package io.roadstream.ingest.replay.format;

import io.roadstream.core.network.Geometry;
import io.roadstream.core.network.LonLat;
import io.roadstream.core.network.Segment;
import java.util.List;

/**
 * Where a point lies along one known segment: the offset of its nearest point on the segment's line, scaled to the
 * segment's length, and how far it is from the line. A local planar approximation, exact enough over a segment.
 */
record SegmentProjection(double offsetM, double distanceM) {

  static SegmentProjection of(Segment segment, LonLat p) {
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
          : Math.max(0, Math.min(1, ((p.lon() - a.lon()) * cosLat * dx + (p.lat() - a.lat()) * dy) / len2));
      double piece = a.distanceTo(b);
      double d = a.towards(b, t).distanceTo(p);
      if (d < best) {
        best = d;
        bestAlong = along + t * piece;
      }
      along += piece;
    }
    double scale = segment.lengthM() / Geometry.length(line);
    return new SegmentProjection(bestAlong * scale, best);
  }
}
