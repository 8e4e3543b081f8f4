package io.roadstream.core.event;

import java.io.Serializable;

/**
 * A step in the life of an incident found by occupancy tests between two consecutive detector stations (California
 * algorithm #7 style): detected (tentative), confirmed, cleared. The incident lies between the two stations.
 * {@code incidentId} is the same for every step of one incident and is derived from the station pair and the
 * interval it was first detected in, so a replay produces the same ids.
 *
 * @param detectedAt                  start of the interval the incident was first detected in, epoch ms
 * @param intervalStart               start of the interval that produced this step, epoch ms
 * @param intervalEnd                 end of that interval, epoch ms
 * @param upstreamOccupancy           OCC(U) in that interval, 0..1
 * @param downstreamOccupancy         OCC(D) in that interval, 0..1 (also the DOCC test value)
 * @param occupancyDifference         OCCDF = OCC(U) − OCC(D)
 * @param relativeOccupancyDifference OCCRDF = OCCDF / OCC(U); 0 when OCC(U) is 0
 * @param downstreamFlowShare         D's flow over its road's capacity in that interval, null when not known
 */
public record DetectorIncident(
    String incidentId,
    Type type,
    String upstreamDetectorId,
    String downstreamDetectorId,
    String upstreamSegmentId,
    String downstreamSegmentId,
    long detectedAt,
    long intervalStart,
    long intervalEnd,
    double upstreamOccupancy,
    double downstreamOccupancy,
    double occupancyDifference,
    double relativeOccupancyDifference,
    Double downstreamFlowShare) implements Serializable {

  public enum Type {
    /** The tests held for one interval: a tentative incident. */
    DETECTED,
    /** The tests held on the next interval with data as well. */
    CONFIRMED,
    /** The occupancy difference is gone; also ends a detection that was never confirmed. */
    CLEARED
  }
}
