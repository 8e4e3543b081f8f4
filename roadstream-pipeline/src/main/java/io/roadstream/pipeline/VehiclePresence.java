package io.roadstream.pipeline;

import java.io.Serializable;

/**
 * When a probe vehicle counts as on a segment for its alerts ({@link VehicleAlertFunction}), and which of its reports
 * can change that ({@link VehicleFunction} sends only those on).
 *
 * <p>A vehicle counts as on a segment until the first multiple of {@link #STEP_MILLIS} after its last report there
 * plus the presence: its <em>expiry step</em>. Every report of one step on one segment expires at the same instant,
 * so of consecutive reports on a segment only the first of each step tells the alert operator anything: that the
 * vehicle came onto the segment, or that it stays there a step longer. A probe reporting every 2 s so crosses to the
 * alert operator once in 10 s, and when it changes segment.
 */
final class VehiclePresence implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Expiry instants are rounded up to this, so that a segment needs one timer per step, not one per report. */
  static final long STEP_MILLIS = 10_000;

  private final long presenceMillis;

  VehiclePresence(long presenceMillis) {
    if (presenceMillis <= 0) {
      throw new IllegalArgumentException("presence must be positive, was " + presenceMillis + " ms");
    }
    this.presenceMillis = presenceMillis;
  }

  /** The instant a vehicle last seen at {@code seenAt} stops counting as on its segment. */
  long expiryStep(long seenAt) {
    long expiry = seenAt + presenceMillis;
    return expiry - Math.floorMod(expiry, STEP_MILLIS) + STEP_MILLIS;
  }

  /**
   * Whether a report on {@code segment} at {@code time} can change what the alert operator knows, given the vehicle's
   * previous report, which came before it in time and in the stream. It cannot when that report was on the same
   * segment in the same expiry step: the alert operator then already holds the vehicle there until this step's end.
   * (Only a report arriving a whole presence behind the watermark could find the vehicle expired there in between;
   * such a report no longer brings it back onto the segment.)
   *
   * @param previousSegment the segment of the vehicle's previous report, or null when it is not known
   */
  boolean changesPresence(String segment, long time, String previousSegment, long previousTime) {
    return previousSegment == null || !previousSegment.equals(segment)
        || expiryStep(time) != expiryStep(previousTime);
  }
}
