package io.roadstream.app.runtime;

import io.javalin.util.JavalinBindException;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.app.metrics.FlinkJobMetrics;
import io.roadstream.app.metrics.PipelineMetrics;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.ingest.push.PushIngestService;
import io.roadstream.server.DashboardSettings;
import io.roadstream.server.PipelineStatus;
import io.roadstream.server.PostgresLiveView;
import io.roadstream.server.PushEndpoint;
import io.roadstream.server.RoadstreamServer;
import io.roadstream.server.dispatch.Dispatcher;
import io.roadstream.store.Database;
import io.roadstream.store.HistoryMaintenance;
import io.roadstream.store.Materializer;
import io.roadstream.store.Materializers;
import io.roadstream.store.Stores;
import io.roadstream.store.live.LiveEntries;
import io.roadstream.store.live.LiveEntry;
import io.roadstream.store.live.LiveKeys;
import io.roadstream.store.live.LiveMaterializers;
import io.roadstream.store.live.LiveView;
import io.roadstream.store.live.RedisEndpoint;
import io.roadstream.store.live.RedisLiveStore;
import io.roadstream.store.live.RedisLiveView;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * What {@code roadstream serve} runs and {@code roadstream demo} runs after its engines, one code path for both: the
 * materializers (Kafka → PostgreSQL, and → Redis when {@code redis.uri} is set), the dispatcher when configured, the
 * pipeline monitor, and the HTTP API with the dashboard, whose live view follows Redis when there is one and
 * PostgreSQL otherwise. All of it is measured in one Prometheus registry that the server shows at {@code /metrics}
 * (with the Flink job's metrics when {@link #startFlinkMetrics} is given its JobManager). Each {@code start…} step pushes what it starts onto the caller's {@link Stack}, which stops
 * it; the steps are separate so that a command can say what it is doing between them. Processes that run this side by
 * side share the consumer groups, so they split the materializers' work, and each serves its own browsers.
 */
public final class Serving {

  public static final String MATERIALIZER_GROUPS = "roadstream-materializer";
  public static final String DISPATCH_GROUPS = "roadstream-dispatch";
  /** How long a push waits for Kafka before answering 503. */
  private static final Duration PUSH_ACK_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration REDIS_HEARTBEAT = Duration.ofSeconds(1);
  private static final Duration FLINK_METRICS_EVERY = Duration.ofSeconds(5);

  private final RoadstreamConfig cfg;
  private final RoadNetwork network;
  private final Database db;
  private final Stores stores;
  private final Stack stack;
  private final Map<String, Object> kafka;
  private final String materializerGroups;
  private final String dispatchGroups;
  private final Clock clock = Clock.systemUTC();
  private Materializer<SegmentStats> statsMaterializer;
  private final List<Materializer<LiveEntry>> liveMaterializers = new ArrayList<>();
  private RedisEndpoint redisEndpoint;
  private RedisLiveStore redisStore;
  private PipelineMonitor monitor;
  private final PrometheusRegistry metrics = new PrometheusRegistry();
  private final PipelineMetrics pipelineMetrics;

  public Serving(RoadstreamConfig cfg, RoadNetwork network, Database db, Stack stack) {
    this(cfg, network, db, stack, MATERIALIZER_GROUPS, DISPATCH_GROUPS);
  }

  /**
   * @param materializerGroups prefix of the materializers' consumer groups; processes that share it share the work
   * @param dispatchGroups     prefix of the dispatcher's consumer groups
   */
  public Serving(RoadstreamConfig cfg, RoadNetwork network, Database db, Stack stack, String materializerGroups,
      String dispatchGroups) {
    this.materializerGroups = materializerGroups;
    this.dispatchGroups = dispatchGroups;
    this.cfg = cfg;
    this.network = network;
    this.db = db;
    this.stores = Stores.on(db.dataSource());
    this.stack = stack;
    this.kafka = KafkaClients.properties(cfg.kafka());
    JvmMetrics.builder().register(metrics);
    this.pipelineMetrics = new PipelineMetrics(metrics, clock);
  }

  /** Whether {@code redis.uri} is set. */
  public boolean redisConfigured() {
    return !cfg.redis().uri().isEmpty();
  }

  /** Starts the Kafka → PostgreSQL materializers; returns what they are, for people. */
  public String startMaterializers() {
    var topics = cfg.kafka().topics();
    statsMaterializer = stack.runInBackground("materializer-stats", pipelineMetrics.output(
        Materializers.segmentStats(kafka, materializerGroups, topics, stores.stats(), pipelineMetrics::statsWritten)));
    stack.runInBackground("materializer-congestion",
        pipelineMetrics.output(Materializers.congestion(kafka, materializerGroups, topics, stores.jams())));
    stack.runInBackground("materializer-incidents",
        pipelineMetrics.output(Materializers.incidents(kafka, materializerGroups, topics, stores.incidents())));
    stack.runInBackground("materializer-alerts",
        pipelineMetrics.output(Materializers.alerts(kafka, materializerGroups, topics, stores.alerts())));
    stack.runInBackground("materializer-signal-plans",
        pipelineMetrics.output(Materializers.signalPlans(kafka, materializerGroups, topics, stores.signalPlans())));
    // rollups, retention and typical speeds; several serve processes share the work through PostgreSQL's row locks
    stack.runInBackground("history-maintenance",
        new HistoryMaintenance(db.dataSource(), network, cfg.history(), clock));
    return "segment-stats, congestion, incidents, alerts, signal-plans; groups " + materializerGroups + "-*; "
        + "history rollups every " + cfg.history().maintenanceIntervalSeconds() + " s";
  }

  /** Starts the Kafka → Redis materializers when Redis is configured; returns what they are, for people. */
  public Optional<String> startLiveMaterializers() {
    if (!redisConfigured()) {
      return Optional.empty();
    }
    RoadstreamConfig.Redis redis = cfg.redis();
    LiveEntries entries = new LiveEntries(Duration.ofSeconds(redis.ttlSeconds()),
        Duration.ofSeconds(redis.episodeTtlSeconds()));
    for (Materializer<LiveEntry> m : LiveMaterializers.all(kafka, materializerGroups, cfg.kafka().topics(),
        redisStore(), entries, clock)) {
      liveMaterializers.add(stack.runInBackground("materializer-redis-" + liveMaterializers.size(),
          pipelineMetrics.timed(m)));
    }
    return Optional.of(redisEndpoint + ", keys " + redis.keyPrefix() + "*; groups " + materializerGroups
        + "-redis-*");
  }

  /** Starts the dispatcher when webhooks or RabbitMQ are configured; it logs what it dispatches where. */
  public boolean startDispatcher() {
    if (!Dispatcher.configured(cfg.dispatch())) {
      return false;
    }
    stack.push(Dispatcher.start(kafka, dispatchGroups, cfg.kafka().topics(), db.dataSource(), cfg.dispatch()));
    return true;
  }

  /** Starts measuring the pipeline through Kafka (after {@link #startMaterializers()}). */
  public PipelineMonitor startMonitor() {
    monitor = stack.runInBackground("monitor", new PipelineMonitor(kafka, cfg.kafka().topics(),
        Materializers.group(materializerGroups, cfg.kafka().topics().segmentStats()),
        List.of(materializerGroups, dispatchGroups), statsMaterializer::rowsWritten, clock));
    pipelineMetrics.monitor(monitor);
    return monitor;
  }

  /**
   * Adds the Flink job's metrics (read from its JobManager's REST API every 5 s) to {@code /metrics}.
   *
   * @param restUrl the JobManager's REST address: the demo's MiniCluster, or {@code metrics.flinkRestUrl}
   * @return what it measures, for people
   */
  public String startFlinkMetrics(String restUrl) {
    stack.runInBackground("flink-metrics", new FlinkJobMetrics(restUrl, cfg.pipeline().jobName(), FLINK_METRICS_EVERY,
        clock).register(metrics));
    return "job '" + cfg.pipeline().jobName() + "' via " + restUrl;
  }

  /** The registry of this process's metrics ({@code /metrics}); a command adds what it runs besides (its sources). */
  public PrometheusRegistry metrics() {
    return metrics;
  }

  /**
   * Starts the HTTP API and dashboard on {@code server.port}, with HTTP push when {@code ingest.push.token} is set
   * (after {@link #startMonitor()}).
   *
   * @throws IllegalStateException when the port is taken
   */
  public RoadstreamServer startServer() {
    Optional<PushEndpoint> push = Optional.empty();
    if (!cfg.ingest().push().token().isEmpty()) {
      // HTTP push only when a token is configured: without one anybody could write to the topics
      KafkaProducer<String, byte[]> pushProducer = stack.push(new KafkaProducer<>(
          PushIngestService.producerSettings(kafka, PUSH_ACK_TIMEOUT)));
      push = Optional.of(new PushEndpoint(new PushIngestService(pushProducer, cfg.kafka().topics(),
          new EventCodec(), PUSH_ACK_TIMEOUT, clock), cfg.ingest().push()));
    }
    LiveView live = redisConfigured()
        ? new RedisLiveView(redisEndpoint(), redisStore(), clock, REDIS_HEARTBEAT)
        : new PostgresLiveView(stores);
    PipelineMonitor pipeline = monitor;
    RoadstreamServer server = stack.push(new RoadstreamServer(network, stores, live, () -> {
      PipelineMonitor.Status s = pipeline.status();
      return new PipelineStatus(s.eventsInPerSecond(), s.statsOutPerSecond(), s.deadLetters(), s.consumerLag(),
          s.asOf());
    }, cfg.server(), push));
    server.dashboard(new DashboardSettings(cfg.server().tileUrl(), cfg.server().tileAttribution()));
    server.metrics(metrics);
    try {
      server.start();
    } catch (JavalinBindException e) {
      throw new IllegalStateException("port " + cfg.server().port() + " is in use (another roadstream demo or serve?): "
          + "stop what listens there, or pass --port to use another");
    }
    return server;
  }

  /** The live view's source, for people: Redis (where, which keys) or PostgreSQL. */
  public String liveViewSource() {
    return redisConfigured() ? "Redis " + redisEndpoint() + ", keys " + cfg.redis().keyPrefix() + "*"
        : "PostgreSQL (no redis.uri)";
  }

  /** What the status line adds while a sink refuses writes and the materializers retry: empty when all is well. */
  public String sinkTrouble() {
    StringBuilder trouble = new StringBuilder();
    if (statsMaterializer != null && !statsMaterializer.databaseAvailable()) {
      trouble.append(" · PostgreSQL unavailable, retrying");
    }
    if (liveMaterializers.stream().anyMatch(m -> !m.databaseAvailable())) {
      trouble.append(" · Redis unavailable, retrying");
    }
    return trouble.toString();
  }

  /** The segment-stats materializer (PostgreSQL), once started. */
  public Materializer<SegmentStats> statsMaterializer() {
    return statsMaterializer;
  }

  private RedisEndpoint redisEndpoint() {
    if (redisEndpoint == null) {
      redisEndpoint = new RedisEndpoint(cfg.redis().uri(), REDIS_TIMEOUT);
    }
    return redisEndpoint;
  }

  /** One pool of Redis connections per process, for the materializers' writes and the view's loads. */
  private RedisLiveStore redisStore() {
    if (redisStore == null) {
      redisStore = stack.push(new RedisLiveStore(redisEndpoint(), new LiveKeys(cfg.redis().keyPrefix())));
    }
    return redisStore;
  }
}
