package io.roadstream.ingest.simulator;

import java.time.LocalTime;

/**
 * An incident a scenario stages: from {@code from} to {@code to} (times of day, UTC) {@code lanesBlocked} lanes of the
 * segment are closed, and {@code stoppedVehicles} vehicles stand still at {@code offsetM} and report speed 0 there.
 */
public record ScenarioIncident(
    String segmentId,
    double offsetM,
    LocalTime from,
    LocalTime to,
    int lanesBlocked,
    int stoppedVehicles) {}
