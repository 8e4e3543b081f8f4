package io.roadstream.core.detector;

import java.io.Serializable;

/**
 * Two consecutive detector stations along the direction of travel; an incident between them queues traffic at the
 * upstream one and starves the downstream one.
 */
public record StationPair(String upstreamDetectorId, String downstreamDetectorId, String upstreamSegmentId,
    String downstreamSegmentId) implements Serializable {

  /** A stable key for state keyed by pair, e.g. {@code D-M1-E-03>D-M1-E-04}. */
  public String key() {
    return upstreamDetectorId + ">" + downstreamDetectorId;
  }
}
