package io.roadstream.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.store.Stores;
import io.roadstream.store.SegmentStatsRepository;
import io.roadstream.store.live.LiveView;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of roadstream: the JSON API, the live stream of segment statistics (SSE) and the dashboard, for one
 * road network. Stateless apart from the live picture it rebuilds from its {@link LiveView} (Redis, or PostgreSQL),
 * so any number can run side by side.
 */
public final class RoadstreamServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RoadstreamServer.class);
  private static final Duration STATUS_EVERY = Duration.ofSeconds(3);

  private final int requestedPort;
  private final JsonViews json;
  private final LiveView live;
  private final StreamController stream;
  private final Javalin app;
  private boolean started;
  private volatile DashboardSettings dashboard = DashboardSettings.NO_TILES;
  // what /metrics shows: the application's registry with the server's own metrics added, or those alone
  private volatile PrometheusRegistry metrics = new PrometheusRegistry();
  private boolean metricsRegistered;
  private final HealthService healthService;

  /**
   * A server without HTTP push.
   *
   * @param port the port to listen on; 0 picks a free one (see {@link #port()})
   */
  public RoadstreamServer(RoadNetwork network, Stores stores, PipelineStatusSource statusSource, int port) {
    this(network, stores, statusSource, port, Optional.empty());
  }

  /**
   * @param port the port to listen on; 0 picks a free one (see {@link #port()})
   * @param push when present and {@link PushEndpoint#enabled() enabled} (a token is set), {@code POST
   *             /ingest/{readings|positions|reports}} takes records; otherwise those paths answer 404
   */
  public RoadstreamServer(RoadNetwork network, Stores stores, PipelineStatusSource statusSource, int port,
      Optional<PushEndpoint> push) {
    this(network, stores, statusSource, RoadstreamConfig.Server.onPort(port), push);
  }

  /** A server whose live picture follows PostgreSQL, with {@code settings} (port, tokens). */
  public RoadstreamServer(RoadNetwork network, Stores stores, PipelineStatusSource statusSource,
      RoadstreamConfig.Server settings, Optional<PushEndpoint> push) {
    this(network, stores, new PostgresLiveView(stores), statusSource, settings, push);
  }

  /**
   * @param live     the live picture and its changes (Redis, or PostgreSQL); this server starts and closes it
   * @param settings the port (0 picks a free one, see {@link #port()}) and who may read and administer
   *                 ({@link AccessControl})
   * @param push     when present and {@link PushEndpoint#enabled() enabled} (a token is set), {@code POST
   *                 /ingest/{readings|positions|reports}} takes records; otherwise those paths answer 404
   */
  public RoadstreamServer(RoadNetwork network, Stores stores, LiveView live, PipelineStatusSource statusSource,
      RoadstreamConfig.Server settings, Optional<PushEndpoint> push) {
    SegmentStatsRepository repository = stores.stats();
    this.requestedPort = settings.port();
    ObjectMapper mapper = new ObjectMapper();
    this.json = new JsonViews(mapper);
    this.live = live;
    this.stream = new StreamController(live, network, statusSource, json, STATUS_EVERY);
    String networkJson = json.write(new NetworkGeoJson(mapper).featureCollection(network));
    ApiController api = new ApiController(networkJson, live, network, new SegmentHistoryService(network, repository),
        statusSource, json, Clock.systemUTC());
    this.healthService = new HealthService(repository);
    HealthController health = new HealthController(healthService, json);
    MetricsController metricsApi = new MetricsController(() -> metrics);
    JamsController jamsApi = new JamsController(stores.jams(), network, json, Clock.systemUTC());
    HistoryController historyApi = new HistoryController(network, stores.history(), json, Clock.systemUTC());
    IncidentsController incidentsApi = new IncidentsController(stores.incidents(), network, json);
    AlertsController alertsApi = new AlertsController(stores.alerts(), json);
    SignalPlansController signalPlansApi =
        new SignalPlansController(stores.signalPlans(), network, json, Clock.systemUTC());
    Optional<IngestController> ingest =
        push.filter(PushEndpoint::enabled).map(endpoint -> new IngestController(endpoint, json));
    String openApiJson = OpenApiDocument.json(mapper);
    AccessControl access = new AccessControl(settings);
    SignInController signIn = new SignInController(access);
    AdminController admin = new AdminController(stores.deliveries(), mapper, json);

    this.app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
      config.staticFiles.add("/public", Location.CLASSPATH);
      config.staticFiles.enableWebjars();
      config.router.mount(router -> {
        router.before("/api/*", access::check);
        router.post("/login", signIn::signIn);
        router.post("/logout", signIn::signOut);
        router.get("/api/admin/deliveries", admin::deliveries);
        router.post("/api/admin/webhooks/{name}/retry", admin::retry);
        router.get("/api/network", api::network);
        router.get("/api/live", api::live);
        router.get("/api/live/picture", api::picture);
        router.get("/api/segments/{id}/stats", api::segmentStats);
        router.get("/api/segments/{id}/history", historyApi::history);
        router.get("/api/segments/{id}/typical", historyApi::typical);
        router.get("/api/status", api::status);
        router.get("/api/jams", jamsApi::open);
        router.get("/api/incidents", incidentsApi::open);
        router.get("/api/alerts", alertsApi::inForce);
        router.get("/api/signal-plans", signalPlansApi::current);
        router.get("/api/intersections/{id}/signal-plans", signalPlansApi::history);
        router.get("/api/dashboard", new DashboardController(() -> dashboard, json)::settings);
        router.sse("/api/stream", stream::connect);
        router.get("/health", health::health);
        router.get("/openapi.json", ctx -> ctx.contentType(ContentType.APPLICATION_JSON).result(openApiJson));
        router.get("/metrics", metricsApi::scrape);
        ingest.ifPresent(controller -> router.post("/ingest/{kind}", controller::push));
      });
    });
    app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
    app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
    app.exception(Exception.class, (e, ctx) -> {
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
    });
    // routes that do not exist under /api (and /ingest, off without a token) answer in JSON too; others (the
    // dashboard) keep Javalin's page
    app.error(404, ctx -> {
      boolean machines = ctx.path().startsWith("/api/") || ctx.path().startsWith("/ingest/");
      if (machines && ctx.attribute("roadstream.error") == null) {
        error(ctx, 404, "no such resource: " + ctx.method() + " " + ctx.path());
      }
    });
  }

  private void error(Context ctx, int status, String message) {
    ctx.attribute("roadstream.error", Boolean.TRUE);
    ctx.status(status).contentType(ContentType.APPLICATION_JSON).result(json.write(json.error(status, message)));
  }

  /** The dashboard's settings (its tile layer); before {@link #start()}. Without them: no tiles. */
  public synchronized RoadstreamServer dashboard(DashboardSettings settings) {
    if (started) {
      throw new IllegalStateException("the dashboard settings are given before start()");
    }
    this.dashboard = java.util.Objects.requireNonNull(settings, "settings");
    return this;
  }

  /**
   * The registry whose metrics {@code /metrics} shows (the application's: pipeline, materializers, Flink job), before
   * {@link #start()}; the server adds its own to it. Without one, {@code /metrics} shows the server's own alone.
   */
  public synchronized RoadstreamServer metrics(PrometheusRegistry registry) {
    if (started || metricsRegistered) {
      throw new IllegalStateException("the metrics registry is given before start()");
    }
    this.metrics = java.util.Objects.requireNonNull(registry, "registry");
    return this;
  }

  /** Loads the live picture and starts listening. */
  public synchronized RoadstreamServer start() {
    if (started) {
      throw new IllegalStateException("already started");
    }
    live.start();
    if (!metricsRegistered) {
      ServerMetrics.register(metrics, stream::clientCount, healthService, live);
      metricsRegistered = true;
    }
    app.start(requestedPort);
    started = true;
    LOG.info("roadstream server listening on port {}", app.port());
    return this;
  }

  /** Every route this server answers, as {@code "GET /api/live"}: what {@code /openapi.json} must describe. */
  public java.util.List<String> routes() {
    return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream().map(h -> h.getEndpoint())
        .filter(e -> e.getMethod().isHttpMethod())
        .map(e -> e.getMethod().name() + " " + e.getPath()).sorted().distinct().toList();
  }

  /** The port the server listens on (the bound one when constructed with 0). */
  public int port() {
    return app.port();
  }

  /** Closes the live streams, stops following the live view and stops listening. */
  @Override
  public synchronized void close() {
    stream.close();
    live.close();
    app.stop();
    started = false;
  }
}
