package io.roadstream.store.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roadstream.core.congestion.CongestionEventType;
import io.roadstream.testkit.TcpProxy;
import io.roadstream.testkit.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The Redis-following view against the real Redis: it loads what is there, hears each change once, and across a
 * network cut (a TCP proxy in front of Redis) keeps its picture marked stale, then reloads what changed meanwhile.
 * The writes go straight to Redis, not through the proxy.
 */
class RedisLiveViewIT {

  private static final long EIGHT = Instant.parse("2026-05-01T08:00:00Z").toEpochMilli();
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final LiveEntries entries = new LiveEntries(Duration.ofMinutes(5), Duration.ofHours(6));
  private final List<LiveChange> heard = new CopyOnWriteArrayList<>();
  private TestRedis redis;
  private RedisLiveStore writer;
  private TcpProxy proxy;
  private RedisLiveStore viewStore;
  private RedisLiveView view;

  @BeforeEach
  void open(TestInfo test) {
    redis = TestRedis.isolated(test.getTestMethod().orElseThrow().getName());
    LiveKeys keys = new LiveKeys(redis.prefix());
    writer = new RedisLiveStore(new RedisEndpoint(redis.uri(), Duration.ofSeconds(2)), keys);
    proxy = TcpProxy.start(redis.host(), redis.port());
    RedisEndpoint throughProxy = new RedisEndpoint("redis://127.0.0.1:" + proxy.port(), Duration.ofSeconds(1));
    viewStore = new RedisLiveStore(throughProxy, keys);
    view = new RedisLiveView(throughProxy, viewStore, Clock.systemUTC(), Duration.ofMillis(200));
    view.subscribe(heard::add);
  }

  @AfterEach
  void close() {
    view.close();
    viewStore.close();
    proxy.close();
    writer.close();
    redis.close();
  }

  @Test
  void loadsWhatIsThereAndHearsEachChangeOnce() {
    long now = System.currentTimeMillis();
    writer.write(List.of(entries.stats(LiveEntryTest.stats("a", EIGHT), 0, now),
        entries.jam(LiveEntryTest.jam("j1", CongestionEventType.OPENED, EIGHT), 0, now)), now);
    view.start();
    assertThat(view.freshness().stale()).isFalse();
    assertThat(view.segments()).extracting(r -> r.stats().segmentId()).containsExactly("a");
    assertThat(view.picture().jams()).extracting(j -> j.jamId()).containsExactly("j1");
    assertThat(heard).as("what was there at start is the picture, not news").isEmpty();

    LiveEntry b = entries.stats(LiveEntryTest.stats("b", EIGHT), 1, now);
    writer.write(List.of(b, b), now);
    writer.write(List.of(entries.jam(LiveEntryTest.jam("j1", CongestionEventType.CLEARED, EIGHT + 60_000), 1, now)),
        now);
    await().atMost(WAIT).until(() -> view.picture().jams().isEmpty());
    assertThat(view.segments()).extracting(r -> r.stats().segmentId()).containsExactly("a", "b");
    assertThat(heard).hasSize(2);
    assertThat(heard.get(0)).isInstanceOfSatisfying(LiveChange.SegmentChanged.class,
        c -> assertThat(c.row().stats().segmentId()).isEqualTo("b"));
    assertThat(heard.get(1)).isInstanceOfSatisfying(LiveChange.JamChanged.class,
        c -> assertThat(c.event().type()).isEqualTo(CongestionEventType.CLEARED));
  }

  @Test
  void keepsItsPictureMarkedStaleThroughACutAndCatchesUpAfterwards() {
    long now = System.currentTimeMillis();
    writer.write(List.of(entries.stats(LiveEntryTest.stats("a", EIGHT), 0, now)), now);
    view.start();

    Instant cutAt = Instant.now();
    proxy.cut();
    await("stale").atMost(WAIT).until(() -> view.freshness().stale());
    assertThat(view.freshness().staleSince()).isAfterOrEqualTo(cutAt.minusMillis(1));
    assertThat(view.freshness().reason()).contains("Redis");
    assertThat(view.segments()).extracting(r -> r.stats().segmentId()).containsExactly("a");
    assertThat(heard).singleElement().isInstanceOfSatisfying(LiveChange.FreshnessChanged.class,
        c -> assertThat(c.freshness().stale()).isTrue());

    // published while the view cannot hear it
    writer.write(List.of(entries.stats(LiveEntryTest.stats("a", EIGHT + 60_000), 1, now),
        entries.stats(LiveEntryTest.stats("c", EIGHT), 2, now)), now);
    proxy.restore();

    await("fresh again with what changed meanwhile").atMost(WAIT).until(() -> !view.freshness().stale());
    assertThat(view.segments()).extracting(r -> r.stats().segmentId() + "@" + r.stats().windowStart())
        .containsExactly("a@" + (EIGHT + 60_000), "c@" + EIGHT);
    assertThat(heard).filteredOn(c -> c instanceof LiveChange.SegmentChanged).hasSize(2);
    assertThat(heard.get(heard.size() - 1)).isInstanceOfSatisfying(LiveChange.FreshnessChanged.class,
        c -> assertThat(c.freshness().stale()).isFalse());
  }

  @Test
  void startsStaleWhenRedisIsUnreachableAndLoadsOnceItAnswers() {
    long now = System.currentTimeMillis();
    writer.write(List.of(entries.stats(LiveEntryTest.stats("a", EIGHT), 0, now)), now);
    proxy.cut();
    view.start(); // waits a bounded time, then serves an empty picture
    assertThat(view.freshness().stale()).isTrue();
    assertThat(view.segments()).isEmpty();

    proxy.restore();
    await().atMost(WAIT).until(() -> !view.freshness().stale() && view.segments().size() == 1);
  }
}
