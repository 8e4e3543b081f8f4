package io.roadstream.core.event;

/** Highway Capacity Manual Level of Service: A is free flow, F is breakdown. */
public enum LevelOfService {
  A, B, C, D, E, F;

  /** Congested in the sense operators use: at or beyond capacity. */
  public boolean congested() {
    return this == E || this == F;
  }
}
