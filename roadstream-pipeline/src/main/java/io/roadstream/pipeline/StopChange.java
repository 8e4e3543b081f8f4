package io.roadstream.pipeline;

/**
 * A probe vehicle became stopped at a place ({@code stopped}), or left it — moved on, or fell silent.
 *
 * @param placeKey the place, as {@link io.roadstream.core.incident.ProbeStopPlace#key()}
 */
public record StopChange(String vehicleId, String placeKey, String segmentId, double offsetM, boolean stopped,
    long time, Double lat, Double lon) {}
