package io.roadstream.store;

import io.roadstream.core.event.SegmentStats;
import java.time.Instant;

/** A row of segment statistics as stored: the stats, plus when and in which order it was last written. */
public record StoredStats(SegmentStats stats, long revision, Instant updatedAt) {}
