package io.roadstream.core.incident;

import io.roadstream.core.event.ProbePosition;
import java.io.Serializable;

/**
 * Where a probe vehicle stands, as the stopped-vehicle rule compares positions: its segment and its offset rounded
 * to {@link #BUCKET_M} (probe positions are noisy; two cars in a crash stand metres apart, in different lanes).
 * A report at more than walking pace is a place of its own, so it always breaks a run of reports from one place.
 */
public record ProbeStopPlace(String segmentId, long bucket) implements Serializable {

  /** Offsets within this many metres are the same place. */
  public static final double BUCKET_M = 10;
  /** Above this speed a vehicle is moving, whatever its position says. */
  public static final double STANDING_KMH = 1;

  public static ProbeStopPlace of(ProbePosition p) {
    if (p.speedKmh() > STANDING_KMH || p.offsetM() == null) {
      return new ProbeStopPlace(p.segmentId(), -1 - p.time()); // negative: no real place has it
    }
    return new ProbeStopPlace(p.segmentId(), Math.round(p.offsetM() / BUCKET_M));
  }

  /** A stable key for partitioning by place. */
  public String key() {
    return segmentId + "@" + bucket;
  }

  /** The offset this place stands for, metres from the start of the segment. */
  public double offsetM() {
    return bucket * BUCKET_M;
  }
}
