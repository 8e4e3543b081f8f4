package io.roadstream.ingest.simulator;

import io.roadstream.core.network.LonLat;
import io.roadstream.core.network.Segment;
import java.util.List;

/**
 * A segment's polyline with its piece lengths computed once: the same points and headings as
 * {@link Segment#pointAt} and {@link Segment#headingAt}, without re-measuring the line for every probe report.
 */
final class SegmentGeometry {

  private final List<LonLat> line;
  private final double[] cumulative;
  private final double[] bearings;
  private final double scale;

  SegmentGeometry(Segment segment) {
    line = segment.geometry();
    cumulative = new double[line.size()];
    bearings = new double[Math.max(1, line.size() - 1)];
    for (int i = 1; i < line.size(); i++) {
      cumulative[i] = cumulative[i - 1] + line.get(i - 1).distanceTo(line.get(i));
      bearings[i - 1] = line.get(i - 1).bearingTo(line.get(i));
    }
    // a segment's stated length may differ from its drawing; offsets are in stated metres
    scale = cumulative[cumulative.length - 1] / segment.lengthM();
  }

  LonLat pointAt(double offsetM) {
    double target = Math.max(0, offsetM * scale);
    int i = piece(target);
    double pieceLength = cumulative[i + 1] - cumulative[i];
    if (target >= cumulative[cumulative.length - 1] || pieceLength <= 0) {
      return target >= cumulative[cumulative.length - 1] ? line.get(line.size() - 1) : line.get(i);
    }
    return line.get(i).towards(line.get(i + 1), (target - cumulative[i]) / pieceLength);
  }

  double headingAt(double offsetM) {
    return bearings[piece(Math.max(0, offsetM * scale))];
  }

  /** Index of the piece holding {@code distance} along the line (the last piece beyond the end). */
  private int piece(double distance) {
    int lo = 0;
    int hi = cumulative.length - 2;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (cumulative[mid] <= distance) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
