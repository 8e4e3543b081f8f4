package io.roadstream.core.event;

import java.io.Serializable;

/**
 * A probe vehicle's report of where it is and how fast it goes. A position is located either by WGS84 coordinates,
 * by a linear reference (segment and offset from the segment's start), or both.
 *
 * @param segmentId  the segment (road and direction) of the linear reference, null if only coordinates are known
 * @param offsetM    metres from the start of {@code segmentId}, null if unknown
 * @param lane       1 = rightmost lane, null if unknown
 * @param headingDeg degrees clockwise from north, null if unknown
 */
public record ProbePosition(
    String vehicleId,
    long time,
    Double lat,
    Double lon,
    String segmentId,
    Double offsetM,
    Integer lane,
    double speedKmh,
    Double headingDeg) implements Serializable {

  public boolean hasCoordinates() {
    return lat != null && lon != null;
  }

  public ProbePosition onSegment(String segment, double offset) {
    return new ProbePosition(vehicleId, time, lat, lon, segment, offset, lane, speedKmh, headingDeg);
  }
}
