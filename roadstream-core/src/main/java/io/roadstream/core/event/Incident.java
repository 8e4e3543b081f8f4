package io.roadstream.core.event;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * An incident on the road — for now an accident detected from probe vehicles standing at one place — with its
 * evidence. One incident's events share its id.
 *
 * @param source     what detected it: {@code probes} (later also {@code detectors} and reports)
 * @param time       event time of the change
 * @param offsetM    metres from the start of the segment
 * @param vehicleIds the vehicles stopped there when it changed
 * @param evidence   a sentence a person reads: what was seen
 */
public record Incident(
    String incidentId,
    IncidentType type,
    String kind,
    String source,
    long time,
    String segmentId,
    double offsetM,
    Double lat,
    Double lon,
    String[] vehicleIds,
    String evidence) implements Serializable {

  @Override
  public boolean equals(Object o) {
    return o instanceof Incident i && incidentId.equals(i.incidentId) && type == i.type && kind.equals(i.kind)
        && source.equals(i.source) && time == i.time && segmentId.equals(i.segmentId) && offsetM == i.offsetM
        && Objects.equals(lat, i.lat) && Objects.equals(lon, i.lon) && Arrays.equals(vehicleIds, i.vehicleIds)
        && evidence.equals(i.evidence);
  }

  @Override
  public int hashCode() {
    return Objects.hash(incidentId, type, time);
  }

  @Override
  public String toString() {
    return "Incident[" + type + " " + incidentId + " " + kind + " on " + segmentId + " at " + time + " "
        + Arrays.toString(vehicleIds) + "]";
  }
}
