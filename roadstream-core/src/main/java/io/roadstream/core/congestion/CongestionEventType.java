package io.roadstream.core.congestion;

/** The lifecycle of a jam on {@code roadstream.congestion}. */
public enum CongestionEventType {
  /** A new jam: segments that became congested and are not next to an existing jam. */
  OPENED,
  /** A jam grew, shrank or merged with another. */
  UPDATED,
  /** A jam dissolved (or was merged into another, which goes on under its own id). */
  CLEARED
}
