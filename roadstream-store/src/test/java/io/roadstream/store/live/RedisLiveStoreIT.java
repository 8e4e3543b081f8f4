package io.roadstream.store.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roadstream.core.congestion.CongestionEventType;
import io.roadstream.testkit.RedisChannelRecorder;
import io.roadstream.testkit.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The Lua script's rules, checked against the real Redis by reading the keys and the channel directly. */
class RedisLiveStoreIT {

  private static final long EIGHT = Instant.parse("2026-05-01T08:00:00Z").toEpochMilli();
  private static final long EIGHT_ONE = EIGHT + 60_000;
  private static final Duration STATS_TTL = Duration.ofMinutes(5);

  private final LiveEntries entries = new LiveEntries(STATS_TTL, Duration.ofHours(6));
  private final LiveEntryJson json = new LiveEntryJson();
  private TestRedis redis;
  private RedisLiveStore store;
  private RedisChannelRecorder channel;

  @BeforeEach
  void open(TestInfo test) throws Exception {
    redis = TestRedis.isolated(test.getTestMethod().orElseThrow().getName());
    store = new RedisLiveStore(new RedisEndpoint(redis.uri(), Duration.ofSeconds(2)), new LiveKeys(redis.prefix()));
    channel = new RedisChannelRecorder(redis.host(), redis.port(), store.keys().channel());
  }

  @AfterEach
  void close() throws Exception {
    channel.close();
    store.close();
    redis.close();
  }

  @Test
  void keepsTheLatestWindowAndRefusesLateUpdatesOfOlderOnes() {
    long now = System.currentTimeMillis();
    LiveEntry eight = entries.stats(LiveEntryTest.stats("s1", EIGHT), 0, now);
    LiveEntry eightOne = entries.stats(LiveEntryTest.stats("s1", EIGHT_ONE), 1, now);
    LiveEntry lateEight = entries.stats(LiveEntryTest.stats("s1", EIGHT), 2, now);
    LiveEntry revisedEightOne = entries.stats(LiveEntryTest.stats("s1", EIGHT_ONE), 3, now);

    assertThat(store.write(List.of(eight, eightOne, lateEight), now)).isEqualTo(2);
    assertThat(stored("s1").orderMajor()).isEqualTo(EIGHT_ONE);
    assertThat(store.write(List.of(revisedEightOne), now)).isEqualTo(1);
    assertThat(stored("s1").orderMinor()).isEqualTo(3);

    await().atMost(Duration.ofSeconds(5)).until(() -> channel.messages().size() == 3);
    assertThat(channel.messages()).extracting(m -> json.read(m).orderMinor()).containsExactly(0L, 1L, 3L);
  }

  @Test
  void replayingTheSameEntriesChangesAndPublishesNothing() throws Exception {
    long now = System.currentTimeMillis();
    List<LiveEntry> batch = List.of(entries.stats(LiveEntryTest.stats("a", EIGHT), 0, now),
        entries.stats(LiveEntryTest.stats("b", EIGHT), 1, now),
        entries.jam(LiveEntryTest.jam("j", CongestionEventType.OPENED, EIGHT), 0, now));
    assertThat(store.write(batch, now)).isEqualTo(3);
    String before = redis.direct().get(store.keys().entry(LiveKind.SEGMENT, "a"));

    assertThat(store.write(batch, now + 10_000)).isZero();

    assertThat(redis.direct().get(store.keys().entry(LiveKind.SEGMENT, "a"))).isEqualTo(before);
    // a marker after the replay: once it is heard, anything the replay had published would have been heard too
    store.write(List.of(entries.stats(LiveEntryTest.stats("marker", EIGHT), 9, now)), now);
    await().atMost(Duration.ofSeconds(5)).until(() -> channel.messages().size() >= 4);
    assertThat(channel.messages()).extracting(m -> json.read(m).id()).containsExactly("a", "b", "j", "marker");
  }

  @Test
  void aClearedJamStaysClearedWhenItsOpeningIsReplayed() {
    long now = System.currentTimeMillis();
    LiveEntry opened = entries.jam(LiveEntryTest.jam("j1", CongestionEventType.OPENED, EIGHT), 0, now);
    LiveEntry cleared = entries.jam(LiveEntryTest.jam("j1", CongestionEventType.CLEARED, EIGHT_ONE), 1, now);
    store.write(List.of(opened, cleared), now);
    assertThat(store.write(List.of(opened), now)).isZero();

    List<LiveEntry> loaded = store.load(now);
    assertThat(loaded).singleElement().satisfies(e -> {
      assertThat(e.id()).isEqualTo("j1");
      assertThat(e.removed()).isTrue();
    });
  }

  @Test
  void entriesExpireWithTheirTtlAndAreIndexedForLoading() {
    long now = System.currentTimeMillis();
    store.write(List.of(entries.stats(LiveEntryTest.stats("s1", EIGHT), 0, now),
        entries.signalPlan(LiveEntryTest.plan("x1", EIGHT), 0, now)), now);

    long statsTtl = redis.direct().pttl(store.keys().entry(LiveKind.SEGMENT, "s1"));
    long planTtl = redis.direct().pttl(store.keys().entry(LiveKind.SIGNAL_PLAN, "x1"));
    assertThat(statsTtl).isBetween(STATS_TTL.toMillis() - 10_000, STATS_TTL.toMillis());
    assertThat(planTtl).isGreaterThan(STATS_TTL.toMillis());
    assertThat(redis.direct().zrange(store.keys().index(LiveKind.SEGMENT), 0, -1)).containsExactly("s1");

    assertThat(store.load(now)).extracting(LiveEntry::slot).containsExactlyInAnyOrder("segment:s1", "signal-plan:x1");
    // what has expired by then is not loaded, even if Redis has not yet evicted it
    assertThat(store.load(now + STATS_TTL.toMillis() + 1)).extracting(LiveEntry::slot)
        .containsExactly("signal-plan:x1");
  }

  /** The segment's entry as Redis holds it, read directly. */
  private LiveEntry stored(String segmentId) {
    return json.read(redis.direct().get(store.keys().entry(LiveKind.SEGMENT, segmentId)));
  }
}
