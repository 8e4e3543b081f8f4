package io.roadstream.ingest.replay.format;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;

/**
 * Turns the local wall-clock times of a time-ordered file into instants, across daylight-saving changes. When the
 * clocks go back, a wall-clock time occurs twice; the file's order tells which one is meant: the first occurrence
 * in summer time, and the same time again after later times have been seen in standard time. A wall-clock time in the
 * hour skipped when the clocks go forward does not exist and is refused.
 */
final class WallClock {

  private final ZoneId zone;
  private long latestMillis = Long.MIN_VALUE;

  WallClock(ZoneId zone) {
    this.zone = zone;
  }

  ZoneId zone() {
    return zone;
  }

  /**
   * Epoch milliseconds of {@code local}.
   *
   * @throws IllegalArgumentException when {@code local} falls in a daylight-saving gap
   */
  long toEpochMillis(LocalDateTime local) {
    List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
    if (offsets.isEmpty()) {
      ZoneOffsetTransition gap = zone.getRules().getTransition(local);
      throw new IllegalArgumentException(local + " does not exist in " + zone + ": the clocks went forward from "
          + gap.getDateTimeBefore().toLocalTime() + " to " + gap.getDateTimeAfter().toLocalTime());
    }
    long earlier = local.toInstant(offsets.get(0)).toEpochMilli();
    if (offsets.size() == 1) {
      return earlier;
    }
    long later = local.toInstant(offsets.get(1)).toEpochMilli();
    long first = Math.min(earlier, later);
    // a repeated hour: its second pass comes after the file has already shown later times of the first pass
    return first < latestMillis ? Math.max(earlier, later) : first;
  }

  /** Records that the file has reached {@code millis}; the next repeated wall-clock times are read after it. */
  void reached(long millis) {
    latestMillis = Math.max(latestMillis, millis);
  }
}
