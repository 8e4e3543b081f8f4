package io.roadstream.core.codec;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * What a plausible event looks like. Values outside these limits are physical nonsense or broken clocks, and go to
 * the dead letters rather than into averages.
 *
 * @param earliest    events before this instant are rejected (a sensor clock reset to 1970, say)
 * @param maxFuture   events later than now plus this are rejected
 * @param maxSpeedKmh above this no road vehicle goes
 */
public record EventLimits(Instant earliest, Duration maxFuture, double maxSpeedKmh, int maxIntervalSeconds,
    int maxVehiclesPerLanePerHour) implements Serializable {

  public static final EventLimits DEFAULT =
      new EventLimits(Instant.parse("2000-01-01T00:00:00Z"), Duration.ofDays(1), 300, 3600, 4000);
}
