package io.roadstream.ingest.simulator;

/**
 * What is on one segment at an instant, as the simulation itself knows it — not as detectors or probes report it:
 * ground truth for checking what is computed from their events.
 *
 * @param vehicles       vehicles on the segment
 * @param queuedVehicles of those, vehicles held back in the last step by the vehicle ahead, a lane closure or the
 *                       segment's end: standing or creeping in a queue
 * @param meanSpeedKmh   mean speed of the vehicles in the last step; free-flow speed when the segment is empty
 */
public record SegmentTraffic(String segmentId, int vehicles, int queuedVehicles, double meanSpeedKmh) {}
