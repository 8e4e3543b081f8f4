package io.roadstream.pipeline;

import io.roadstream.core.event.SegmentStats;

/** A segment became congested ({@code congested}) or free again, decided by {@code window}. */
public record SegmentCongestionChange(boolean congested, SegmentStats window) {}
