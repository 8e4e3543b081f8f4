package io.roadstream.server;

import io.roadstream.store.SegmentStatsRepository;
import io.roadstream.store.StoredStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live picture: the latest window of every segment, kept in memory and followed by polling
 * {@link SegmentStatsRepository#updatedSince} with an overlap margin, because a row becomes visible at commit, a moment
 * after its {@code updated_at}. Rows seen twice through the overlap are recognised by (segment, window start, revision)
 * and ignored. Listeners hear of each row that becomes a segment's latest window, new or revised. A database outage
 * is logged once; the feed keeps what it has and resumes where it stopped.
 */
public final class LiveStatsFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LiveStatsFeed.class);

  private final SegmentStatsRepository repository;
  private final Duration pollInterval;
  private final Duration overlap;
  private final int batchLimit;
  private final Map<String, StoredStats> latest = new ConcurrentHashMap<>();
  private final List<Consumer<StoredStats>> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "live-stats-feed");
    t.setDaemon(true);
    return t;
  });

  // touched only by the poller thread (and by start() before the poller runs)
  private final Map<RowKey, Instant> seen = new HashMap<>();
  private Instant newestSeen = Instant.EPOCH;
  private boolean initialised;
  private volatile String failure;
  private volatile Instant failingSince;

  private record RowKey(String segmentId, long windowStart, long revision) {
    static RowKey of(StoredStats row) {
      return new RowKey(row.stats().segmentId(), row.stats().windowStart(), row.revision());
    }
  }

  public LiveStatsFeed(SegmentStatsRepository repository) {
    this(repository, Duration.ofMillis(500), Duration.ofSeconds(5), 2_000);
  }

  /**
   * @param overlap    how far behind the newest row seen each poll starts again; longer than any write transaction
   * @param batchLimit rows read per query; a full batch is followed by the next at once
   */
  public LiveStatsFeed(SegmentStatsRepository repository, Duration pollInterval, Duration overlap, int batchLimit) {
    this.repository = repository;
    this.pollInterval = pollInterval;
    this.overlap = overlap;
    this.batchLimit = batchLimit;
  }

  /** Loads the current picture (if the database answers) and starts following changes. */
  public void start() {
    poller.submit(this::pollSafely);
    poller.scheduleWithFixedDelay(this::pollSafely, pollInterval.toMillis(), pollInterval.toMillis(),
        TimeUnit.MILLISECONDS);
    try {
      // wait for the first load, so rows written after start() are reported as changes, not as the initial state
      poller.submit(() -> { }).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("live stats feed: first load did not finish in time; it goes on in the background");
    }
  }

  /** The latest window of every segment that has one, by segment id. */
  public List<StoredStats> latest() {
    List<StoredStats> rows = new ArrayList<>(latest.values());
    rows.sort(Comparator.comparing(r -> r.stats().segmentId()));
    return rows;
  }

  /** Calls {@code listener} on the poller thread with each new latest row; returns what unsubscribes it. */
  public Runnable subscribe(Consumer<StoredStats> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Why the last poll failed, or null when it succeeded. */
  public String failure() {
    return failure;
  }

  /** Since when polls fail (the first failure of the current run of them), or null when the last one succeeded. */
  public Instant failingSince() {
    return failingSince;
  }

  private void pollSafely() {
    try {
      if (!initialised) {
        initialise();
      }
      int read;
      Instant since = newestSeen.minus(overlap);
      do {
        List<StoredStats> batch = repository.updatedSince(since, batchLimit);
        batch.forEach(this::accept);
        read = batch.size();
        // a full batch: go on from its newest row without the margin, or a margin holding more than a batch
        // would be read again and again
        since = batch.isEmpty() ? since : batch.get(batch.size() - 1).updatedAt();
      } while (read == batchLimit && !Thread.currentThread().isInterrupted());
      forgetOlderThan(newestSeen.minus(overlap));
      if (failure != null) {
        LOG.info("live stats feed: database answers again; following changes from {}", newestSeen);
        failure = null;
        failingSince = null;
      }
    } catch (Exception e) {
      String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      if (failure == null) {
        failingSince = Instant.now();
        LOG.warn("live stats feed: cannot read segment stats ({}); serving the last known picture until the "
            + "database answers again", reason);
      }
      failure = reason;
    }
  }

  private void initialise() throws java.sql.SQLException {
    for (StoredStats row : repository.latestPerSegment()) {
      latest.put(row.stats().segmentId(), row);
      seen.put(RowKey.of(row), row.updatedAt());
      if (row.updatedAt().isAfter(newestSeen)) {
        newestSeen = row.updatedAt();
      }
    }
    initialised = true;
    LOG.info("live stats feed: {} segments with data, following changes", latest.size());
  }

  private void accept(StoredStats row) {
    if (seen.putIfAbsent(RowKey.of(row), row.updatedAt()) != null) {
      return;
    }
    if (row.updatedAt().isAfter(newestSeen)) {
      newestSeen = row.updatedAt();
    }
    String segmentId = row.stats().segmentId();
    StoredStats current = latest.get(segmentId);
    boolean newer = current == null
        || row.stats().windowStart() > current.stats().windowStart()
        || (row.stats().windowStart() == current.stats().windowStart() && row.revision() > current.revision());
    if (!newer) {
      return; // a late update of an older window: history, not the live picture
    }
    latest.put(segmentId, row);
    for (Consumer<StoredStats> listener : listeners) {
      try {
        listener.accept(row);
      } catch (RuntimeException e) {
        LOG.warn("live stats feed: a listener failed on {}", RowKey.of(row), e);
      }
    }
  }

  private void forgetOlderThan(Instant horizon) {
    for (Iterator<Instant> it = seen.values().iterator(); it.hasNext(); ) {
      if (it.next().isBefore(horizon)) {
        it.remove();
      }
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
    try {
      if (!poller.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("live stats feed: poller did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
