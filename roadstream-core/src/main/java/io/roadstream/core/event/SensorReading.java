package io.roadstream.core.event;

import java.io.Serializable;

/**
 * One detector's measurement over one interval: how many vehicles crossed it, their mean spot speed and the share
 * of the interval the detector was occupied. {@code time} is the start of the interval (epoch ms, UTC).
 *
 * @param vehicleCount vehicles counted in the interval; null when the source measures speed but does not count (a
 *                     traffic API's segment speed), which is not the same as 0 vehicles
 * @param avgSpeedKmh null when no vehicle passed or the detector reports no speed
 * @param occupancy   0..1, null when the detector does not measure it
 */
public record SensorReading(
    String sensorId,
    long time,
    int intervalSeconds,
    Integer vehicleCount,
    Double avgSpeedKmh,
    Double occupancy) implements Serializable {

  public long intervalEnd() {
    return time + intervalSeconds * 1000L;
  }
}
