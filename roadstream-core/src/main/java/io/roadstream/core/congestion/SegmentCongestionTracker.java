package io.roadstream.core.congestion;

import io.roadstream.core.event.SegmentStats;

/**
 * Hysteresis for one segment: it becomes congested after {@link JamSettings#openAfterWindows()} congested windows in
 * a row and free again after {@link JamSettings#clearAfterWindows()} uncongested ones. Pure.
 */
public final class SegmentCongestionTracker {

  /** The next state, and whether this window flipped it. */
  public record Step(SegmentCongestion state, boolean changed) {}

  private final JamSettings settings;

  public SegmentCongestionTracker(JamSettings settings) {
    this.settings = settings;
  }

  public Step next(SegmentCongestion previous, SegmentStats window) {
    SegmentCongestion s = previous == null ? SegmentCongestion.FREE : previous;
    Boolean congested = settings.congested(window);
    if (window.windowStart() <= s.lastWindowStart() || congested == null) {
      // a late update of a window already counted, or a window that says nothing: no evidence
      return new Step(s, false);
    }
    boolean argues = congested != s.congested();
    int run = argues ? s.run() + 1 : 0;
    int needed = s.congested() ? settings.clearAfterWindows() : settings.openAfterWindows();
    if (run >= needed) {
      return new Step(new SegmentCongestion(!s.congested(), 0, window.windowStart(), window.windowStart()), true);
    }
    return new Step(new SegmentCongestion(s.congested(), run, window.windowStart(), s.since()), false);
  }
}
