package io.roadstream.core.history;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * A quarter hour of the week in local time, 0 = Monday 00:00–00:15 … 671 = Sunday 23:45–24:00. Traffic follows the
 * clock people live by, so slots are taken in the network's time zone ({@code history.timeZone}): Monday 08:00 stays
 * the morning peak across a change to or from summer time.
 */
public record WeekSlot(int index) {

  public static final int SLOTS_PER_DAY = 96;
  public static final int SLOTS = 7 * SLOTS_PER_DAY;

  public WeekSlot {
    if (index < 0 || index >= SLOTS) {
      throw new IllegalArgumentException("a week has slots 0.." + (SLOTS - 1) + ", not " + index);
    }
  }

  /** The slot that holds {@code instant} in {@code zone}. */
  public static WeekSlot of(Instant instant, ZoneId zone) {
    ZonedDateTime local = instant.atZone(zone);
    return new WeekSlot((local.getDayOfWeek().getValue() - 1) * SLOTS_PER_DAY + local.getHour() * 4
        + local.getMinute() / 15);
  }

  public DayOfWeek day() {
    return DayOfWeek.of(index / SLOTS_PER_DAY + 1);
  }

  /** Local time the slot starts at. */
  public LocalTime start() {
    int quarter = index % SLOTS_PER_DAY;
    return LocalTime.of(quarter / 4, quarter % 4 * 15);
  }

  /**
   * The starts of this slot in the {@code weeks} weeks up to {@code now}, newest first: the quarter hours whose
   * history makes the slot's typical speed. A slot that a change to summer time skips that week has no start then,
   * and an hour the change back repeats counts once (its first occurrence).
   */
  public List<Instant> recentStarts(ZoneId zone, Instant now, int weeks) {
    ZonedDateTime local = now.atZone(zone);
    ZonedDateTime latest = local.toLocalDate().with(TemporalAdjusters.previousOrSame(day())).atTime(start())
        .atZone(zone);
    if (latest.toInstant().isAfter(now)) {
      latest = latest.minusWeeks(1);
    }
    List<Instant> starts = new ArrayList<>(weeks);
    for (int k = 0; k < weeks; k++) {
      ZonedDateTime candidate = latest.toLocalDate().minusWeeks(k).atTime(start()).atZone(zone);
      if (candidate.toLocalTime().equals(start())) {
        starts.add(candidate.toInstant());
      }
    }
    return starts;
  }
}
