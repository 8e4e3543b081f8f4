package io.roadstream.store.live;

import java.util.Objects;

/**
 * One thing in the live view, as Redis holds it and as the channel announces it. Entries of one {@code (kind, id)}
 * are ordered by {@code (orderMajor, orderMinor)}: the event-time position of what they say (a window's start, a
 * jam's or incident's event time, a plan's computation time), then the Kafka offset of the record that said it, which
 * orders two versions of the same window (the job keys each entity's records to one partition). Only a strictly newer
 * entry replaces another, so a late update of an older window never overwrites the live picture, and replaying a
 * record changes nothing.
 *
 * @param removed   the jam or incident was cleared: a tombstone that keeps older records from bringing it back
 * @param updatedAt wall-clock time the materializer wrote it, epoch ms
 * @param expiresAt wall-clock time Redis forgets it (its TTL), epoch ms; readers hide it from then on as well
 * @param event     the event as roadstream's JSON codec writes it (see docs/events.md)
 */
public record LiveEntry(LiveKind kind, String id, long orderMajor, long orderMinor, boolean removed, long updatedAt,
    long expiresAt, String event) {

  public LiveEntry {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(event, "event");
  }

  /** Whether this entry replaces {@code other} (null: nothing there yet); equal order is not newer. */
  public boolean isNewerThan(LiveEntry other) {
    return other == null || orderMajor > other.orderMajor
        || (orderMajor == other.orderMajor && orderMinor > other.orderMinor);
  }

  /** The same entry as written at {@code now}: updated then, expiring its TTL later. */
  public LiveEntry stampedAt(long now) {
    return new LiveEntry(kind, id, orderMajor, orderMinor, removed, now, now + (expiresAt - updatedAt), event);
  }

  /** Whether Redis has forgotten it at {@code nowMillis}. */
  public boolean expiredAt(long nowMillis) {
    return expiresAt <= nowMillis;
  }

  /** The entry's identity in a picture: kind and id. */
  public String slot() {
    return kind.word() + ":" + id;
  }
}
