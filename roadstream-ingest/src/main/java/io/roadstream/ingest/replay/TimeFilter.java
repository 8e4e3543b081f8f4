package io.roadstream.ingest.replay;

import java.time.Instant;

/**
 * The part of a file to replay: events with {@code from <= time < to}; either end may be open (null). Rejected
 * records have no time and always pass, so bad rows still reach the dead letters.
 */
public record TimeFilter(Instant from, Instant to) {

  public static final TimeFilter ALL = new TimeFilter(null, null);

  public TimeFilter {
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
    }
  }

  public boolean admits(long eventTime) {
    return eventTime == Long.MIN_VALUE
        || (from == null || eventTime >= from.toEpochMilli()) && (to == null || eventTime < to.toEpochMilli());
  }

  /** True when nothing at or after {@code eventTime} can pass, so a time-ordered file can stop here. */
  public boolean past(long eventTime) {
    return to != null && eventTime != Long.MIN_VALUE && eventTime >= to.toEpochMilli();
  }
}
