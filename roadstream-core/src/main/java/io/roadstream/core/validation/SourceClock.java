package io.roadstream.core.validation;

import java.time.Instant;
import java.util.Optional;

/**
 * Each source — a detector, a probe vehicle, an incident report — must move forward in time. A detector that sends
 * an interval it already sent would have its vehicles counted twice; a vehicle whose clock goes back would seem to
 * stand still or drive backwards and could fake a stopped vehicle. Such an event is refused with a reason; the
 * source's next event that moves forward is accepted again, so one bad clock does not silence a sensor.
 *
 * <p>Pure; the caller keeps the last accepted time per source.
 */
public final class SourceClock {

  private SourceClock() {}

  /**
   * @param source       what the source is, for the reason, e.g. {@code detector 'D-M1-E-03'}
   * @param lastAccepted the time of the source's last accepted event, null when none is remembered
   * @return empty when {@code time} is after {@code lastAccepted}, else why the event is refused
   */
  public static Optional<String> refusal(String source, Long lastAccepted, long time) {
    if (lastAccepted == null || time > lastAccepted) {
      return Optional.empty();
    }
    if (time == lastAccepted) {
      return Optional.of(source + " already sent an event for " + Instant.ofEpochMilli(time)
          + ": a duplicate would be counted twice");
    }
    return Optional.of(source + "'s clock went back: " + Instant.ofEpochMilli(time) + " is "
        + (lastAccepted - time) / 1000.0 + " s before its last event at " + Instant.ofEpochMilli(lastAccepted));
  }
}
