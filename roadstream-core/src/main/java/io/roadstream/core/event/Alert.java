package io.roadstream.core.event;

import java.io.Serializable;

/**
 * A message for the drivers on one segment about something ahead of them: an accident or a jam's tail.
 * {@code ISSUED} asks navigation systems and signs to show it; {@code WITHDRAWN} says the cause has cleared.
 * {@code alertId} is the same for the issue and the withdrawal, and for a re-issue (when the cause changes), so a
 * receiver keeps one message per id.
 *
 * @param type        {@code ISSUED} or {@code WITHDRAWN}
 * @param segmentId   the segment whose drivers get it
 * @param distanceM   how far ahead the cause is, metres along the road from the start of {@code segmentId}
 * @param cause       {@code accident} or {@code jam}
 * @param causeId     the incident or jam id
 * @param causeSegmentId where the cause is
 * @param message     the text for people, in English
 * @param vehicleId   null for everyone on the segment (signs, navigation by area); set, the alert is addressed to
 *                    that probe vehicle, which is on the segment: one record per vehicle, with the segment alert's
 *                    id followed by {@code @<vehicleId>}
 */
public record Alert(
    String alertId,
    String type,
    long time,
    String segmentId,
    double distanceM,
    String cause,
    String causeId,
    String causeSegmentId,
    String message,
    String vehicleId) implements Serializable {

  public static final String ISSUED = "ISSUED";
  public static final String WITHDRAWN = "WITHDRAWN";

  /** An alert for everyone on the segment. */
  public Alert(String alertId, String type, long time, String segmentId, double distanceM, String cause,
      String causeId, String causeSegmentId, String message) {
    this(alertId, type, time, segmentId, distanceM, cause, causeId, causeSegmentId, message, null);
  }

  /** This segment alert addressed to one vehicle on the segment, at {@code time}. */
  public Alert toVehicle(String vehicle, long at) {
    return new Alert(alertId + "@" + vehicle, type, at, segmentId, distanceM, cause, causeId, causeSegmentId, message,
        vehicle);
  }

  public boolean isForVehicle() {
    return vehicleId != null;
  }
}
