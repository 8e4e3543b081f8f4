package io.roadstream.core.congestion;

import java.io.Serializable;

/**
 * Where one segment stands between free flow and jam, with the runs of windows that move it. A Flink POJO.
 *
 * @param congested        the segment is part of a jam
 * @param run              consecutive windows so far that argue for the other state
 * @param lastWindowStart  the newest window counted; an update of an older or the same window is not counted twice
 * @param since            window start at which {@code congested} last changed
 */
public record SegmentCongestion(boolean congested, int run, long lastWindowStart, long since) implements Serializable {

  public static final SegmentCongestion FREE = new SegmentCongestion(false, 0, Long.MIN_VALUE, Long.MIN_VALUE);
}
