package io.roadstream.core.congestion;

import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import java.io.Serializable;

/**
 * When a segment counts as congested and how much evidence opens or clears a jam (see docs/detection.md).
 *
 * @param congestedFrom    a window at this Level of Service or worse is congested (default E: HCM's "at capacity",
 *                         and F, "breakdown")
 * @param openAfterWindows consecutive congested windows before a segment joins a jam (default 2)
 * @param clearAfterWindows consecutive uncongested windows before it leaves (default 3); more than to open, so a
 *                         segment on the boundary of congestion does not flap
 */
public record JamSettings(LevelOfService congestedFrom, int openAfterWindows, int clearAfterWindows)
    implements Serializable {

  public static final JamSettings DEFAULT = new JamSettings(LevelOfService.E, 2, 3);

  public JamSettings {
    if (congestedFrom == null) {
      throw new IllegalArgumentException("congestedFrom must be a Level of Service A-F");
    }
    if (openAfterWindows < 1 || clearAfterWindows < 1) {
      throw new IllegalArgumentException("openAfterWindows and clearAfterWindows must be at least 1");
    }
  }

  /** Unknown Level of Service (no speed, no density) is no evidence either way. */
  public Boolean congested(SegmentStats stats) {
    return stats.los() == null ? null : stats.los().compareTo(congestedFrom) >= 0;
  }
}
