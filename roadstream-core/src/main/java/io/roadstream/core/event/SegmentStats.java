package io.roadstream.core.event;

import java.io.Serializable;

/**
 * Traffic conditions of one segment over one event-time window. (segmentId, windowStart) is its identity: a later
 * update of the same window (a late event within the allowed lateness) replaces the earlier record downstream.
 *
 * @param avgSpeedKmh            the segment's space-mean speed: from probes when the window has enough of them,
 *                               else from detectors, else from the probes there are; null if nothing reported a speed
 * @param flowVehPerHour         vehicles per hour across all lanes, from detectors; null without detector readings
 * @param densityVehPerKmPerLane flow / speed / lanes; null when flow or speed is unknown
 * @param occupancy              mean detector occupancy 0..1; null when no detector reported it
 * @param travelTimeS            segment length / speed
 * @param los                    Level of Service; null when neither density nor speed is known
 * @param detectorSamples        detector readings in the window
 * @param probeSamples           probe positions in the window
 */
public record SegmentStats(
    String segmentId,
    long windowStart,
    long windowEnd,
    Double avgSpeedKmh,
    Double flowVehPerHour,
    Double densityVehPerKmPerLane,
    Double occupancy,
    Double travelTimeS,
    LevelOfService los,
    int detectorSamples,
    int probeSamples) implements Serializable {}
