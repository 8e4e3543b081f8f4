package io.roadstream.core.linearroad;

import java.io.Serializable;

/**
 * Where a car is within one expressway-direction, exactly as reported: Linear Road's key for "the same position"
 * (stopped cars) and for the place of an accident. {@code seg} follows from {@code pos}; it is kept so that an
 * accident's segment is at hand.
 */
public record LanePosition(int lane, int seg, int pos) implements Serializable {

  public static LanePosition of(PositionReport r) {
    return new LanePosition(r.lane(), r.seg(), r.pos());
  }
}
