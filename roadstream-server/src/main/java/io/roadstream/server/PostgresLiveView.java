package io.roadstream.server;

import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.congestion.CongestionEventType;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SignalPlan;
import io.roadstream.store.IncidentRepository;
import io.roadstream.store.JamRepository;
import io.roadstream.store.StoredStats;
import io.roadstream.store.Stores;
import io.roadstream.store.live.Freshness;
import io.roadstream.store.live.LiveChange;
import io.roadstream.store.live.LivePicture;
import io.roadstream.store.live.LiveView;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The live view without Redis: segment statistics followed in PostgreSQL by a {@link LiveStatsFeed} (which announces
 * each new latest window), and the open jams, active incidents and plans in force read from their tables when the
 * picture is asked for. It works in every process shape — a server with no materializer of its own, several servers
 * side by side — because PostgreSQL holds everything every materializer wrote; an in-process view fed by this
 * process's materializers would see only the partitions they own. Only segment changes are announced; the lists
 * are read when asked for.
 */
public final class PostgresLiveView implements LiveView {

  private static final String SOURCE = "postgresql";

  private final LiveStatsFeed feed;
  private final Stores stores;

  public PostgresLiveView(Stores stores) {
    this(new LiveStatsFeed(stores.stats()), stores);
  }

  public PostgresLiveView(LiveStatsFeed feed, Stores stores) {
    this.feed = feed;
    this.stores = stores;
  }

  @Override
  public void start() {
    feed.start();
  }

  @Override
  public List<StoredStats> segments() {
    return feed.latest();
  }

  @Override
  public LivePicture picture() {
    List<StoredStats> segments = feed.latest();
    Freshness freshness = freshness();
    try {
      List<CongestionEvent> jams = stores.jams().open().stream().map(PostgresLiveView::jam).toList();
      List<Incident> incidents = stores.incidents().open().stream().map(PostgresLiveView::incident).toList();
      List<SignalPlan> plans = stores.signalPlans().current();
      return new LivePicture(segments, jams, incidents, plans, freshness);
    } catch (SQLException e) {
      // the segments are the feed's last picture; the lists cannot be read now: say so rather than fail
      Freshness stale = freshness.stale() ? freshness
          : Freshness.stale(SOURCE, Instant.now(), "PostgreSQL unavailable: " + e.getMessage());
      return new LivePicture(segments, List.of(), List.of(), List.of(), stale);
    }
  }

  @Override
  public Freshness freshness() {
    String failure = feed.failure();
    if (failure == null) {
      return Freshness.fresh(SOURCE);
    }
    Instant since = feed.failingSince();
    return Freshness.stale(SOURCE, since == null ? Instant.now() : since, "PostgreSQL unavailable: " + failure);
  }

  @Override
  public Runnable subscribe(Consumer<LiveChange> listener) {
    return feed.subscribe(row -> listener.accept(new LiveChange.SegmentChanged(row)));
  }

  @Override
  public void close() {
    feed.close();
  }

  /** An open jam as its latest event would say it (the table keeps the extent, not the evidence). */
  private static CongestionEvent jam(JamRepository.StoredJam j) {
    return new CongestionEvent(j.jamId(), CongestionEventType.UPDATED, j.asOf().toEpochMilli(),
        j.openedAt().toEpochMilli(), j.headSegmentId(), j.tailSegmentId(), j.segmentIds().toArray(String[]::new),
        j.lengthKm(), j.minSpeedKmh(), new SegmentStats[0]);
  }

  /** An active incident as its latest lifecycle event would say it. */
  private static Incident incident(IncidentRepository.StoredIncident i) {
    Instant latest = Stream.of(i.detectedAt(), i.confirmedAt(), i.clearedAt()).filter(t -> t != null)
        .max(Instant::compareTo).orElse(i.detectedAt());
    return new Incident(i.incidentId(), i.state(), i.kind(), i.source(), latest.toEpochMilli(), i.segmentId(),
        i.offsetM(), i.lat(), i.lon(), i.vehicleIds().toArray(String[]::new), i.evidence());
  }
}
