package io.roadstream.pipeline;

import io.roadstream.core.event.Alert;

/** The alerts one cause calls for now; {@link AlertBookFunction} adds the withdrawals for segments it left. */
public record AlertPlan(String causeId, long time, Alert[] alerts) {}
