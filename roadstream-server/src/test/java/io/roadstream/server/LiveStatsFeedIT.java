package io.roadstream.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.store.Database;
import io.roadstream.store.SegmentStatsRepository;
import io.roadstream.store.StoredStats;
import io.roadstream.testkit.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class LiveStatsFeedIT {

  private static final Instant EIGHT = Instant.parse("2024-05-01T08:00:00Z");
  private static final Instant EIGHT_ONE = Instant.parse("2024-05-01T08:01:00Z");
  private static final Duration WAIT = Duration.ofSeconds(10);

  private TestPostgres postgres;
  private Database database;
  private SegmentStatsRepository writer;
  private SwitchableDataSource feedSource;
  private LiveStatsFeed feed;
  private final List<StoredStats> heard = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open(TestInfo test) {
    postgres = TestPostgres.freshSchema(test.getTestMethod().orElseThrow().getName());
    database = Database.open(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD, postgres.schema());
    writer = new SegmentStatsRepository(database.dataSource());
    feedSource = new SwitchableDataSource(database.dataSource());
    // a long overlap makes every poll read each row many times: the de-duplication is what keeps events single
    feed = new LiveStatsFeed(new SegmentStatsRepository(feedSource), Duration.ofMillis(50), Duration.ofSeconds(30), 3);
  }

  @AfterEach
  void close() throws Exception {
    feed.close();
    database.close();
    postgres.close();
  }

  @Test
  void startsFromTheLatestWindowOfEachSegmentWithoutReportingIt() throws Exception {
    writer.upsert(List.of(stats("a", EIGHT, 40), stats("a", EIGHT_ONE, 30), stats("b", EIGHT, 50)));
    feed.subscribe(heard::add);
    feed.start();

    assertThat(feed.latest()).extracting(r -> r.stats().segmentId() + "@" + r.stats().avgSpeedKmh())
        .containsExactly("a@30.0", "b@50.0");
    writer.upsert(List.of(stats("marker", EIGHT, 1)));
    awaitHeard("marker");
    assertThat(heard).extracting(r -> r.stats().segmentId()).containsExactly("marker");
  }

  @Test
  void reportsEachNewLatestRowOnceAndIgnoresLateUpdatesOfOlderWindows() throws Exception {
    feed.subscribe(heard::add);
    feed.start();

    writer.upsert(List.of(stats("a", EIGHT, 40)));
    awaitHeard("a");
    writer.upsert(List.of(stats("a", EIGHT_ONE, 30)));
    await().atMost(WAIT).until(() -> heard.size() == 2);
    writer.upsert(List.of(stats("a", EIGHT_ONE, 25))); // a revision of the latest window: reported
    await().atMost(WAIT).until(() -> heard.size() == 3);
    writer.upsert(List.of(stats("a", EIGHT, 45)));     // a late update of an older window: history only
    // more rows than one batch, to go through the paging
    writer.upsert(List.of(stats("m1", EIGHT, 1), stats("m2", EIGHT, 1), stats("m3", EIGHT, 1), stats("m4", EIGHT, 1),
        stats("marker", EIGHT, 1)));
    awaitHeard("marker");

    assertThat(heard).extracting(r -> r.stats().segmentId() + "@" + r.stats().avgSpeedKmh())
        .containsExactly("a@40.0", "a@30.0", "a@25.0", "m1@1.0", "m2@1.0", "m3@1.0", "m4@1.0", "marker@1.0");
    assertThat(feed.latest()).filteredOn(r -> r.stats().segmentId().equals("a"))
        .singleElement().satisfies(r -> {
          assertThat(r.stats().windowStart()).isEqualTo(EIGHT_ONE.toEpochMilli());
          assertThat(r.stats().avgSpeedKmh()).isEqualTo(25.0);
        });
  }

  @Test
  void keepsItsPictureThroughADatabaseOutageAndResumes() throws Exception {
    writer.upsert(List.of(stats("a", EIGHT, 40)));
    feed.subscribe(heard::add);
    feed.start();

    feedSource.down(true);
    await().atMost(WAIT).until(() -> feed.failure() != null);
    assertThat(feed.failure()).contains("test outage");
    assertThat(feed.latest()).extracting(r -> r.stats().segmentId()).containsExactly("a");

    writer.upsert(List.of(stats("a", EIGHT_ONE, 20))); // written while the feed cannot read
    feedSource.down(false);

    awaitHeard("a");
    assertThat(feed.failure()).isNull();
    assertThat(heard).singleElement().satisfies(r -> assertThat(r.stats().avgSpeedKmh()).isEqualTo(20.0));
  }

  @Test
  void startsEvenWhenTheDatabaseIsDownAndLoadsOnceItAnswers() throws Exception {
    writer.upsert(List.of(stats("a", EIGHT, 40)));
    feedSource.down(true);
    feed.start();
    assertThat(feed.latest()).isEmpty();
    assertThat(feed.failure()).isNotNull();

    feedSource.down(false);
    await().atMost(WAIT).until(() -> feed.latest().size() == 1);
  }

  @Test
  void stopsItsPollerOnClose() throws Exception {
    java.util.concurrent.atomic.AtomicReference<Thread> poller = new java.util.concurrent.atomic.AtomicReference<>();
    feed.subscribe(row -> poller.set(Thread.currentThread()));
    feed.start();
    writer.upsert(List.of(stats("a", EIGHT, 40)));
    await().atMost(WAIT).until(() -> poller.get() != null);

    feed.close();
    poller.get().join(WAIT.toMillis());
    assertThat(poller.get().isAlive()).as("poller thread alive after close").isFalse();
  }

  private void awaitHeard(String segmentId) {
    await().atMost(WAIT).alias("a feed event for " + segmentId)
        .until(() -> heard.stream().anyMatch(r -> r.stats().segmentId().equals(segmentId)));
  }

  private static SegmentStats stats(String segmentId, Instant start, double speed) {
    return new SegmentStats(segmentId, start.toEpochMilli(), start.plusSeconds(60).toEpochMilli(), speed, 900.0,
        900.0 / speed / 2, 0.1, 60.0, LevelOfService.C, 2, 5);
  }
}
