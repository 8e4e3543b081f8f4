package io.roadstream.pipeline;

import io.roadstream.core.incident.ProbeStopPlace;
import io.roadstream.core.incident.StopState;
import java.util.Objects;

/**
 * What {@link VehicleFunction} keeps per source id, in one value so that an event costs one state lookup: the clocks
 * of the vehicle and of the incident report of that id (core's {@code SourceClock} rule), the vehicle's
 * stopped-vehicle state (core's {@code StoppedVehicleDetector}), and when each of them is to be forgotten.
 *
 * <p>Mutable: the operator reads it, changes it and writes it back; the state backend copies it (see
 * {@link io.roadstream.pipeline.serde.SourceStateSerializer}) when a snapshot still holds the old value.
 * {@link #NO_TIME} marks a clock or report time that is not there, {@link #NO_TIMER} an instant that is not set.
 */
public final class SourceState {

  /** No clock, no last report. */
  public static final long NO_TIME = Long.MIN_VALUE;
  /** No forget instant, no timer (the largest instant, so that the earliest of several is their minimum). */
  public static final long NO_TIMER = Long.MAX_VALUE;

  /** The time of the vehicle's last accepted position, or {@link #NO_TIME}. */
  public long vehicleClock = NO_TIME;
  /** The timer instant at which the vehicle's clock is forgotten, or {@link #NO_TIMER}. */
  public long vehicleForgetAt = NO_TIMER;
  /** The time of the report's last accepted update, or {@link #NO_TIME}. */
  public long reportClock = NO_TIME;
  /** The timer instant at which the report's clock is forgotten, or {@link #NO_TIMER}. */
  public long reportForgetAt = NO_TIMER;

  /** The stopped-vehicle rule's state, or null while the rule knows nothing of the vehicle. */
  public StopState<ProbeStopPlace> stop;
  /** The time of the last position the rule took, or {@link #NO_TIME} (then {@link #stop} is null too). */
  public long lastTime = NO_TIME;
  /** Where the last position the rule took was, when it had coordinates. */
  public Double lastLat;
  public Double lastLon;
  /** The timer instant at which a silent vehicle is forgotten by the rule, or {@link #NO_TIMER}. */
  public long goneAt = NO_TIMER;

  /** The event-time timer registered for this key that the operator relies on, or {@link #NO_TIMER}. */
  public long timerAt = NO_TIMER;

  /** The earliest instant at which something is to be forgotten, {@link #NO_TIMER} when nothing is. */
  long nextForget() {
    return Math.min(goneAt, Math.min(vehicleForgetAt, reportForgetAt));
  }

  /** Nothing left to remember: the state can go. */
  boolean isEmpty() {
    return vehicleClock == NO_TIME && reportClock == NO_TIME && lastTime == NO_TIME;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceState s && vehicleClock == s.vehicleClock && vehicleForgetAt == s.vehicleForgetAt
        && reportClock == s.reportClock && reportForgetAt == s.reportForgetAt && Objects.equals(stop, s.stop)
        && lastTime == s.lastTime && Objects.equals(lastLat, s.lastLat) && Objects.equals(lastLon, s.lastLon)
        && goneAt == s.goneAt && timerAt == s.timerAt;
  }

  @Override
  public int hashCode() {
    return Objects.hash(vehicleClock, reportClock, stop, lastTime, goneAt, timerAt);
  }

  @Override
  public String toString() {
    return "SourceState[vehicleClock=" + vehicleClock + ", vehicleForgetAt=" + vehicleForgetAt + ", reportClock="
        + reportClock + ", reportForgetAt=" + reportForgetAt + ", stop=" + stop + ", lastTime=" + lastTime
        + ", lastLat=" + lastLat + ", lastLon=" + lastLon + ", goneAt=" + goneAt + ", timerAt=" + timerAt + "]";
  }
}
