package io.roadstream.core.congestion;

import io.roadstream.core.event.SegmentStats;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Everything the jam assembler remembers, as arrays so that Flink keeps it in state without Kryo: the congested
 * segments with their latest window, and the open jams.
 */
public record JamBoard(SegmentStats[] congested, Jam[] jams) implements Serializable {

  public static final JamBoard EMPTY = new JamBoard(new SegmentStats[0], new Jam[0]);

  @Override
  public boolean equals(Object o) {
    return o instanceof JamBoard b && Arrays.equals(congested, b.congested) && Arrays.equals(jams, b.jams);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(congested) * 31 + Arrays.hashCode(jams);
  }
}
