package io.roadstream.ingest.simulator;

import java.time.LocalTime;

/** One point of a scenario's demand profile: at this time of day (UTC), demand is {@code multiplier} × base. */
public record DemandPoint(LocalTime at, double multiplier) {}
