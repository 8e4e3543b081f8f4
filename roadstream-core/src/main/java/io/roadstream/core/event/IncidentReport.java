package io.roadstream.core.event;

import java.io.Serializable;
import java.util.List;

/**
 * What a person or another system says about the road, on {@code roadstream.reports}: a camera operator sees a
 * crash, a police dispatcher logs a breakdown, a traffic API lists road works. A report is placed like a position —
 * by a linear reference or by coordinates — and merges with what the job detects at the same place and time, so
 * one real incident stays one incident.
 *
 * <p>Each update of one report carries the same {@code reportId} and a later {@code time}; {@code OPEN} says the
 * incident is there, {@code CLOSED} that the reporter saw it cleared.
 *
 * @param source       who reports, as {@code kind:name}, e.g. {@code camera:CAM-12}, {@code operator:desk-2},
 *                     {@code api:tomtom}
 * @param kind         one of {@link #KINDS}
 * @param verified     a person checked it (an operator on camera, the police on site): it confirms an incident
 *                     on its own, where an unverified report needs corroboration or persistence
 * @param segmentId    the segment of the linear reference; null until placed when only coordinates are given
 * @param offsetM      metres from the start of {@code segmentId}; null when unknown
 * @param lanesBlocked lanes closed by it, null when unknown
 * @param description  free text for people, possibly empty
 */
public record IncidentReport(
    String reportId,
    String source,
    long time,
    String kind,
    String status,
    boolean verified,
    String segmentId,
    Double offsetM,
    Double lat,
    Double lon,
    Double headingDeg,
    Integer lanesBlocked,
    String description) implements Serializable {

  public static final String OPEN = "OPEN";
  public static final String CLOSED = "CLOSED";

  /** The kinds of incident a report can name; {@code accident} is what emergency services are called for. */
  public static final List<String> KINDS =
      List.of("accident", "breakdown", "debris", "roadworks", "closure", "weather", "other");

  public boolean isOpen() {
    return OPEN.equals(status);
  }

  public IncidentReport onSegment(String segment, double offset) {
    return new IncidentReport(reportId, source, time, kind, status, verified, segment, offset, lat, lon, headingDeg,
        lanesBlocked, description);
  }
}
