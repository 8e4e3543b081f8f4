package io.roadstream.store.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.congestion.CongestionEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveEntrySetTest {

  private static final long EIGHT = Instant.parse("2026-05-01T08:00:00Z").toEpochMilli();
  private static final long NOW = EIGHT + 130_000;

  private final LiveEntries entries = new LiveEntries(Duration.ofMinutes(5), Duration.ofHours(6));
  private final LiveEntrySet set = new LiveEntrySet();

  @Test
  void keepsTheNewestEntryOfEachSlotWhateverTheOrderOfArrival() {
    LiveEntry older = entries.stats(LiveEntryTest.stats("s", EIGHT), 5, NOW);
    LiveEntry newer = entries.stats(LiveEntryTest.stats("s", EIGHT + 60_000), 6, NOW);
    assertThat(set.apply(newer)).contains(newer);
    assertThat(set.apply(older)).isEmpty();
    assertThat(set.apply(newer)).as("heard twice").isEmpty();
    assertThat(set.current(LiveKind.SEGMENT, NOW)).containsExactly(newer);
  }

  @Test
  void clearedAndExpiredEntriesAreNotCurrent() {
    LiveEntry opened = entries.jam(LiveEntryTest.jam("j1", CongestionEventType.OPENED, EIGHT), 0, NOW);
    LiveEntry cleared = entries.jam(LiveEntryTest.jam("j1", CongestionEventType.CLEARED, EIGHT + 60_000), 1, NOW);
    LiveEntry other = entries.jam(LiveEntryTest.jam("j2", CongestionEventType.OPENED, EIGHT), 2, NOW);
    set.apply(opened);
    set.apply(other);
    set.apply(cleared);
    assertThat(set.current(LiveKind.JAM, NOW)).extracting(LiveEntry::id).containsExactly("j2");
    assertThat(set.apply(opened)).as("a replayed opening after its clearing").isEmpty();

    assertThat(set.current(LiveKind.JAM, other.expiresAt())).isEmpty();
    set.prune(other.expiresAt());
    assertThat(set.size()).isZero();
  }

  @Test
  void aReloadReportsWhatChangedAndDropsWhatRedisForgot() {
    LiveEntry a1 = entries.stats(LiveEntryTest.stats("a", EIGHT), 1, NOW);
    LiveEntry a2 = entries.stats(LiveEntryTest.stats("a", EIGHT + 60_000), 3, NOW);
    LiveEntry b = entries.stats(LiveEntryTest.stats("b", EIGHT), 2, NOW);
    LiveEntry c = entries.stats(LiveEntryTest.stats("c", EIGHT), 4, NOW);
    set.apply(a1);
    set.apply(b);
    set.apply(c);

    List<LiveEntry> changed = set.reload(List.of(a2, b)); // c expired in Redis while we were away
    assertThat(changed).containsExactly(a2);
    assertThat(set.current(LiveKind.SEGMENT, NOW)).containsExactly(a2, b);
  }
}
