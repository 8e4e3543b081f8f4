package io.roadstream.core.incident;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * One source's view of one incident, for as long as that source sees it: probe vehicles standing at a place,
 * occupancy tests between two detector stations, a report from a camera operator or an API. Signals from different
 * sources at the same place and time become one incident (see {@link IncidentCorrelator}).
 *
 * @param signalId   stable for one source's incident across its updates, e.g. {@code probes:M1-E-07@60-1795677035000}
 * @param source     {@link #PROBES}, {@link #DETECTORS} or {@link #REPORTS}
 * @param kind       what the source says it is: {@code accident}, {@code incident} (detectors cannot tell the cause),
 *                   or a report's kind
 * @param offsetM    where on {@code segmentId}, metres from its start
 * @param reachM     the incident may lie anywhere up to this far downstream of the place: 0 for a point, the road
 *                   distance to the downstream station for a detector pair
 * @param lat        coordinates of the place when the source gave them, else null
 * @param vehicleIds the vehicles involved, as far as the source knows them
 * @param evidence   what the source saw, for people
 */
public record IncidentSignal(
    String signalId,
    String source,
    Status status,
    String kind,
    long time,
    String segmentId,
    double offsetM,
    double reachM,
    Double lat,
    Double lon,
    String[] vehicleIds,
    String evidence) implements Serializable {

  public static final String PROBES = "probes";
  public static final String DETECTORS = "detectors";
  public static final String REPORTS = "reports";

  public enum Status {
    /** The source sees it but does not vouch for it yet (one detection, an unverified report). */
    SEEN,
    /** The source confirms it on its own: the occupancy tests held again, a person verified the report. */
    CONFIRMED,
    /** The source no longer sees it. */
    ENDED
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IncidentSignal s && signalId.equals(s.signalId) && source.equals(s.source)
        && status == s.status && kind.equals(s.kind) && time == s.time && segmentId.equals(s.segmentId)
        && offsetM == s.offsetM && reachM == s.reachM && Objects.equals(lat, s.lat) && Objects.equals(lon, s.lon)
        && Arrays.equals(vehicleIds, s.vehicleIds) && evidence.equals(s.evidence);
  }

  @Override
  public int hashCode() {
    return Objects.hash(signalId, status, time);
  }

  @Override
  public String toString() {
    return "IncidentSignal[" + status + " " + signalId + " " + kind + " on " + segmentId + "@" + offsetM + " at "
        + time + "]";
  }
}
