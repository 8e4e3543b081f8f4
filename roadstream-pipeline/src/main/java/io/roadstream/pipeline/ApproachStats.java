package io.roadstream.pipeline;

import io.roadstream.core.event.SegmentStats;

/** A window of a segment that approaches {@code intersectionId}. */
public record ApproachStats(String intersectionId, SegmentStats stats) {}
