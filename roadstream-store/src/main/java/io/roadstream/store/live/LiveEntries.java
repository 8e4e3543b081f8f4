package io.roadstream.store.live;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.congestion.CongestionEventType;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.IncidentType;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SignalPlan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Turns the derived topics' events into live-view entries: what orders them (see {@link LiveEntry}), whether they
 * remove something, and how long they live. Pure; the materializer supplies the record's offset and the time.
 */
public final class LiveEntries {

  private final EventCodec codec = new EventCodec();
  private final long statsTtlMillis;
  private final long episodeTtlMillis;

  /**
   * @param statsTtl   how long a segment's latest window stays without a newer one
   * @param episodeTtl how long a jam, incident or plan stays after its last change
   */
  public LiveEntries(Duration statsTtl, Duration episodeTtl) {
    if (statsTtl.isNegative() || statsTtl.isZero() || episodeTtl.isNegative() || episodeTtl.isZero()) {
      throw new IllegalArgumentException("live-view TTLs must be positive");
    }
    this.statsTtlMillis = statsTtl.toMillis();
    this.episodeTtlMillis = episodeTtl.toMillis();
  }

  /** A segment's window, ordered by window start, then offset (a revision of the same window). */
  public LiveEntry stats(SegmentStats s, long offset, long now) {
    return new LiveEntry(LiveKind.SEGMENT, s.segmentId(), s.windowStart(), offset, false, now, now + statsTtlMillis,
        json(codec.encode(s)));
  }

  /** A jam change, ordered by its event time, then offset; a CLEARED event removes the jam. */
  public LiveEntry jam(CongestionEvent e, long offset, long now) {
    return new LiveEntry(LiveKind.JAM, e.jamId(), e.time(), offset, e.type() == CongestionEventType.CLEARED, now,
        now + episodeTtlMillis, json(codec.encode(e)));
  }

  /** An incident's lifecycle event, ordered by its event time, then offset; CLEARED removes it. */
  public LiveEntry incident(Incident i, long offset, long now) {
    return new LiveEntry(LiveKind.INCIDENT, i.incidentId(), i.time(), offset, i.type() == IncidentType.CLEARED, now,
        now + episodeTtlMillis, json(codec.encode(i)));
  }

  /** An intersection's plan, ordered by when it was computed, then offset. */
  public LiveEntry signalPlan(SignalPlan p, long offset, long now) {
    return new LiveEntry(LiveKind.SIGNAL_PLAN, p.intersectionId(), p.computedAt(), offset, false, now,
        now + episodeTtlMillis, json(codec.encode(p)));
  }

  private static String json(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
