package io.roadstream.core.congestion;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A jam: congested segments connected along the network, ordered from its head (the most downstream segment, where
 * the queue is discharged) to its tail (the most upstream, where vehicles join the queue).
 */
public record Jam(String jamId, long openedAt, String[] segmentIds) implements Serializable {

  public String head() {
    return segmentIds[0];
  }

  public String tail() {
    return segmentIds[segmentIds.length - 1];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Jam j && jamId.equals(j.jamId) && openedAt == j.openedAt
        && Arrays.equals(segmentIds, j.segmentIds);
  }

  @Override
  public int hashCode() {
    return jamId.hashCode() * 31 + Arrays.hashCode(segmentIds);
  }

  @Override
  public String toString() {
    return "Jam[" + jamId + " " + String.join(" <- ", segmentIds) + "]";
  }
}
