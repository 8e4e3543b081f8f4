package io.roadstream.store.live;

import io.roadstream.core.codec.DecodeException;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.SignalPlan;
import io.roadstream.store.StoredStats;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * The live view from Redis. A thread of its own SUBSCRIBEs to the channel and, once Redis has confirmed the
 * subscription, loads the whole picture, so nothing published before or during a reconnection is missed (an entry
 * heard twice is recognised by its order and ignored). When the connection breaks, or a ping goes unanswered, the
 * view turns stale, keeps its last picture, and reconnects with backoff; the reload after reconnecting brings what
 * changed meanwhile, and announces it.
 */
public final class RedisLiveView implements LiveView {

  private static final Logger LOG = LoggerFactory.getLogger(RedisLiveView.class);
  private static final String SOURCE = "redis";
  private static final Duration MIN_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
  private static final Duration FIRST_LOAD_WAIT = Duration.ofSeconds(5);

  private final RedisEndpoint endpoint;
  private final RedisLiveStore store;
  private final Clock clock;
  private final Duration heartbeat;
  private final LiveEntrySet entries = new LiveEntrySet();
  private final LiveEntryJson json = new LiveEntryJson();
  private final EventCodec codec = new EventCodec();
  private final List<Consumer<LiveChange>> listeners = new CopyOnWriteArrayList<>();
  private final CountDownLatch firstLoad = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread subscriber;
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "live-view-redis-ping");
    t.setDaemon(true);
    return t;
  });
  private volatile Subscription subscription;
  private volatile Jedis connection;
  private volatile Freshness freshness;
  private volatile long lastPong;
  /** Set once {@link #start()} has returned: loads before that are the initial picture, not news. */
  private volatile boolean started;

  /**
   * @param store     reads the picture (its own pooled connections)
   * @param heartbeat how often the subscription is pinged; three unanswered pings break it
   */
  public RedisLiveView(RedisEndpoint endpoint, RedisLiveStore store, Clock clock, Duration heartbeat) {
    this.endpoint = endpoint;
    this.store = store;
    this.clock = clock;
    this.heartbeat = heartbeat;
    this.freshness = Freshness.stale(SOURCE, clock.instant(), "not loaded from Redis yet");
    this.subscriber = new Thread(this::followRedis, "live-view-redis");
    this.subscriber.setDaemon(true);
  }

  @Override
  public void start() {
    subscriber.start();
    watchdog.scheduleWithFixedDelay(this::checkSubscription, heartbeat.toMillis(), heartbeat.toMillis(),
        TimeUnit.MILLISECONDS);
    try {
      if (!firstLoad.await(FIRST_LOAD_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("live view: Redis at {} did not answer within {} s ({}); serving an empty picture, marked stale, "
            + "until it does", endpoint, FIRST_LOAD_WAIT.toSeconds(), freshness.reason());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      started = true;
    }
  }

  @Override
  public List<StoredStats> segments() {
    List<StoredStats> rows = new ArrayList<>();
    for (LiveEntry e : entries.current(LiveKind.SEGMENT, clock.millis())) {
      StoredStats row = stats(e);
      if (row != null) {
        rows.add(row);
      }
    }
    return rows;
  }

  @Override
  public LivePicture picture() {
    long now = clock.millis();
    Freshness f = freshness;
    List<CongestionEvent> jams = new ArrayList<>();
    List<Incident> incidents = new ArrayList<>();
    List<SignalPlan> plans = new ArrayList<>();
    for (LiveEntry e : entries.current(LiveKind.JAM, now)) {
      decode(e, codec::decodeCongestion, jams);
    }
    for (LiveEntry e : entries.current(LiveKind.INCIDENT, now)) {
      decode(e, codec::decodeIncident, incidents);
    }
    for (LiveEntry e : entries.current(LiveKind.SIGNAL_PLAN, now)) {
      decode(e, codec::decodeSignalPlan, plans);
    }
    return new LivePicture(segments(), jams, incidents, plans, f);
  }

  @Override
  public Freshness freshness() {
    return freshness;
  }

  @Override
  public Runnable subscribe(Consumer<LiveChange> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** The subscriber thread: subscribe, and after every break mark stale, wait, and subscribe again. */
  private void followRedis() {
    Duration backoff = MIN_BACKOFF;
    while (closed.getCount() > 0) {
      Subscription attempt = new Subscription(); // a fresh one per connection: no state left from a broken one
      try (Jedis jedis = endpoint.dedicatedConnection()) {
        connection = jedis;
        subscription = attempt;
        lastPong = System.nanoTime();
        jedis.subscribe(attempt, store.keys().channel()); // returns when unsubscribed (close)
      } catch (RuntimeException e) {
        if (closed.getCount() == 0) {
          break;
        }
        markStale("Redis unavailable: " + describe(e));
      } finally {
        connection = null;
        subscription = null;
      }
      // after a subscription that worked, try again at once; after failed attempts, wait longer each time
      backoff = attempt.loaded ? MIN_BACKOFF
          : backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      try {
        if (closed.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
  }

  /** Runs on the subscriber thread, so messages that arrive meanwhile wait in the socket until the load is applied. */
  private final class Subscription extends JedisPubSub {

    private volatile boolean loaded;

    @Override
    public void onSubscribe(String channel, int subscribedChannels) {
      // a failure here breaks the subscription: it is retried, and the view stays stale meanwhile
      List<LiveEntry> held = store.load(clock.millis());
      List<LiveEntry> changed = entries.reload(held);
      boolean news = started; // the load start() waits for is the picture listeners begin from
      if (news) {
        changed.forEach(RedisLiveView.this::announce);
      }
      boolean wasStale = freshness.stale();
      freshness = Freshness.fresh(SOURCE);
      loaded = true;
      lastPong = System.nanoTime(); // pongs wait behind the load; it counts as an answer
      firstLoad.countDown();
      if (wasStale) {
        if (news) {
          notifyListeners(new LiveChange.FreshnessChanged(freshness));
        }
        if (news) {
          LOG.info("live view: following Redis at {} again ({} entries, {} changed while not following)", endpoint,
              held.size(), changed.size());
        } else {
          LOG.info("live view: following Redis at {} ({} entries)", endpoint, held.size());
        }
      }
    }

    @Override
    public void onMessage(String channel, String message) {
      LiveEntry entry;
      try {
        entry = json.read(message);
      } catch (IllegalArgumentException e) {
        LOG.warn("live view: ignoring a message on {} that is not an entry: {}", channel, e.getMessage());
        return;
      }
      entries.apply(entry).ifPresent(RedisLiveView.this::announce);
    }

    @Override
    public void onPong(String pattern) {
      lastPong = System.nanoTime();
    }
  }

  /** The watchdog: pings the subscription; one that stays silent is closed, which makes the subscriber reconnect. */
  private void checkSubscription() {
    entries.prune(clock.millis());
    Jedis jedis = connection;
    Subscription current = subscription;
    if (jedis == null || current == null || !current.isSubscribed()) {
      return;
    }
    if (System.nanoTime() - lastPong > heartbeat.multipliedBy(3).toNanos()) {
      LOG.warn("live view: Redis at {} did not answer pings for {} ms; reconnecting", endpoint,
          heartbeat.multipliedBy(3).toMillis());
      markStale("Redis did not answer pings");
      jedis.disconnect();
      return;
    }
    try {
      current.ping();
    } catch (RuntimeException e) {
      LOG.debug("live view: ping failed: {}", e.toString());
    }
  }

  private void markStale(String reason) {
    Freshness before = freshness;
    if (before.stale()) {
      if (!reason.equals(before.reason())) {
        freshness = Freshness.stale(SOURCE, before.staleSince(), reason);
      }
      return;
    }
    freshness = Freshness.stale(SOURCE, clock.instant(), reason);
    LOG.warn("live view: {}; serving the last picture, marked stale, until Redis answers again", reason);
    notifyListeners(new LiveChange.FreshnessChanged(freshness));
  }

  private void announce(LiveEntry e) {
    LiveChange change = switch (e.kind()) {
      case SEGMENT -> {
        StoredStats row = stats(e);
        yield row == null ? null : new LiveChange.SegmentChanged(row);
      }
      case JAM -> decodeOne(e, codec::decodeCongestion, LiveChange.JamChanged::new);
      case INCIDENT -> decodeOne(e, codec::decodeIncident, LiveChange.IncidentChanged::new);
      case SIGNAL_PLAN -> decodeOne(e, codec::decodeSignalPlan, LiveChange.SignalPlanChanged::new);
    };
    if (change != null) {
      notifyListeners(change);
    }
  }

  private void notifyListeners(LiveChange change) {
    for (Consumer<LiveChange> listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException ex) {
        LOG.warn("live view: a listener failed on {}", change, ex);
      }
    }
  }

  private StoredStats stats(LiveEntry e) {
    try {
      // the revision is the record's Kafka offset: it orders versions of one window, as PostgreSQL's revision does
      return new StoredStats(codec.decodeStats(e.event().getBytes(StandardCharsets.UTF_8)), e.orderMinor(),
          Instant.ofEpochMilli(e.updatedAt()));
    } catch (DecodeException ex) {
      LOG.warn("live view: undecodable {} entry {}: {}", e.kind().word(), e.id(), ex.getMessage());
      return null;
    }
  }

  private interface Decoder<T> {
    T decode(byte[] bytes) throws DecodeException;
  }

  private <T> void decode(LiveEntry e, Decoder<T> decoder, List<T> into) {
    T value = decodeOne(e, decoder, v -> v);
    if (value != null) {
      into.add(value);
    }
  }

  private <T, R> R decodeOne(LiveEntry e, Decoder<T> decoder, java.util.function.Function<T, R> wrap) {
    try {
      return wrap.apply(decoder.decode(e.event().getBytes(StandardCharsets.UTF_8)));
    } catch (DecodeException ex) {
      LOG.warn("live view: undecodable {} entry {}: {}", e.kind().word(), e.id(), ex.getMessage());
      return null;
    }
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return root == e ? message : message + " (" + root.getClass().getSimpleName() + ")";
  }

  @Override
  public void close() {
    closed.countDown();
    watchdog.shutdownNow();
    try {
      Subscription current = subscription;
      if (current != null && current.isSubscribed()) {
        current.unsubscribe();
      }
    } catch (RuntimeException e) {
      LOG.debug("live view: unsubscribe failed: {}", e.toString());
    }
    Jedis jedis = connection;
    if (jedis != null) {
      jedis.disconnect();
    }
    try {
      subscriber.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
