package io.roadstream.core.network;

import java.io.Serializable;

/**
 * A fixed sensor (loop, radar, camera counting line) on a segment. Its id is the {@code sensorId} of its readings.
 *
 * @param offsetM metres from the start of the segment
 */
public record Detector(String id, String segmentId, double offsetM, LonLat position) implements Serializable {}
