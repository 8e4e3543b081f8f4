package io.roadstream.store.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.congestion.CongestionEventType;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.IncidentType;
import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SignalPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveEntryTest {

  private static final long EIGHT = Instant.parse("2026-05-01T08:00:00Z").toEpochMilli();
  private static final long EIGHT_ONE = EIGHT + 60_000;
  private static final long NOW = Instant.parse("2026-05-01T08:02:10Z").toEpochMilli();

  private final LiveEntries entries = new LiveEntries(Duration.ofMinutes(5), Duration.ofHours(6));

  @Test
  void aLaterWindowIsNewerWhateverItsOffset() {
    LiveEntry eight = entries.stats(stats("s", EIGHT), 90, NOW);
    LiveEntry eightOne = entries.stats(stats("s", EIGHT_ONE), 10, NOW);
    assertThat(eightOne.isNewerThan(eight)).isTrue();
    assertThat(eight.isNewerThan(eightOne)).as("a late update of an older window").isFalse();
  }

  @Test
  void aRevisionOfTheSameWindowIsNewerByOffset() {
    LiveEntry first = entries.stats(stats("s", EIGHT), 10, NOW);
    LiveEntry revision = entries.stats(stats("s", EIGHT), 11, NOW);
    assertThat(revision.isNewerThan(first)).isTrue();
    assertThat(first.isNewerThan(revision)).isFalse();
  }

  @Test
  void theSameRecordAgainIsNotNewer() {
    LiveEntry once = entries.stats(stats("s", EIGHT), 10, NOW);
    LiveEntry replayed = entries.stats(stats("s", EIGHT), 10, NOW + 5_000);
    assertThat(replayed.isNewerThan(once)).isFalse();
    assertThat(once.isNewerThan(null)).as("anything is newer than nothing").isTrue();
  }

  @Test
  void clearedJamsAndIncidentsAreTombstonesOrderedByEventTime() {
    LiveEntry opened = entries.jam(jam("j", CongestionEventType.OPENED, EIGHT), 3, NOW);
    LiveEntry cleared = entries.jam(jam("j", CongestionEventType.CLEARED, EIGHT_ONE), 4, NOW);
    assertThat(opened.removed()).isFalse();
    assertThat(cleared.removed()).isTrue();
    assertThat(opened.isNewerThan(cleared)).as("a replayed opening after the clearing").isFalse();

    LiveEntry detected = entries.incident(incident("i", IncidentType.DETECTED, EIGHT), 0, NOW);
    LiveEntry clearedIncident = entries.incident(incident("i", IncidentType.CLEARED, EIGHT_ONE), 1, NOW);
    assertThat(detected.removed()).isFalse();
    assertThat(clearedIncident.removed()).isTrue();
    assertThat(clearedIncident.isNewerThan(detected)).isTrue();
  }

  @Test
  void signalPlansAreOrderedByWhenTheyWereComputed() {
    LiveEntry older = entries.signalPlan(plan("x", EIGHT), 7, NOW);
    LiveEntry newer = entries.signalPlan(plan("x", EIGHT_ONE), 2, NOW);
    assertThat(newer.isNewerThan(older)).isTrue();
    assertThat(newer.kind()).isEqualTo(LiveKind.SIGNAL_PLAN);
    assertThat(newer.id()).isEqualTo("x");
  }

  @Test
  void statsLiveTheirTtlAndEpisodesTheirsFromWhenTheyAreWritten() {
    LiveEntry s = entries.stats(stats("s", EIGHT), 1, NOW);
    LiveEntry j = entries.jam(jam("j", CongestionEventType.OPENED, EIGHT), 1, NOW);
    assertThat(s.expiresAt() - s.updatedAt()).isEqualTo(Duration.ofMinutes(5).toMillis());
    assertThat(j.expiresAt() - j.updatedAt()).isEqualTo(Duration.ofHours(6).toMillis());

    LiveEntry late = s.stampedAt(NOW + 60_000); // written after an outage: lives its TTL from then
    assertThat(late.updatedAt()).isEqualTo(NOW + 60_000);
    assertThat(late.expiresAt()).isEqualTo(NOW + 60_000 + Duration.ofMinutes(5).toMillis());
    assertThat(late.expiredAt(late.expiresAt())).isTrue();
    assertThat(late.expiredAt(late.expiresAt() - 1)).isFalse();
  }

  @Test
  void ttlsMustBePositive() {
    assertThatThrownBy(() -> new LiveEntries(Duration.ZERO, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static SegmentStats stats(String segmentId, long start) {
    return new SegmentStats(segmentId, start, start + 60_000, 50.0, 1200.0, 12.0, 0.1, 43.2, LevelOfService.B, 2, 3);
  }

  static CongestionEvent jam(String id, CongestionEventType type, long time) {
    boolean cleared = type == CongestionEventType.CLEARED;
    return new CongestionEvent(id, type, time, EIGHT, "a", "b", cleared ? new String[0] : new String[] {"a", "b"},
        cleared ? 0 : 1.5, cleared ? null : 12.0, new SegmentStats[0]);
  }

  static Incident incident(String id, IncidentType type, long time) {
    return new Incident(id, type, "accident", "probes", time, "a", 120.0, 51.5, -0.1, new String[] {"v1", "v2"},
        "two vehicles stopped");
  }

  static SignalPlan plan(String intersectionId, long computedAt) {
    return new SignalPlan(intersectionId, computedAt, 60.0, 8.0, List.of(new SignalPlan.Phase(List.of("a"), 0.3, 26.0),
        new SignalPlan.Phase(List.of("b"), 0.3, 26.0)), 0.6, false, computedAt - 300_000, computedAt);
  }
}
