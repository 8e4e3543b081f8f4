package io.roadstream.ingest.simulator;

import java.time.LocalTime;

/**
 * An incident a scenario stages: from {@code from} to {@code to} (times of day, UTC) {@code lanesBlocked} lanes of the
 * segment are closed at {@code offsetM}, and {@code stoppedVehicles} vehicles stand still there and report speed 0.
 */
public record ScenarioIncident(
    String segmentId,
    double offsetM,
    LocalTime from,
    LocalTime to,
    int lanesBlocked,
    int stoppedVehicles) {}
