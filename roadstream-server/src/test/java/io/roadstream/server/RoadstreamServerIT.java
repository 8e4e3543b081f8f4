package io.roadstream.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SignalPlan;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.store.Database;
import io.roadstream.store.AlertRepository;
import io.roadstream.store.IncidentRepository;
import io.roadstream.store.JamRepository;
import io.roadstream.store.SignalPlanRepository;
import io.roadstream.store.Stores;
import io.roadstream.store.SegmentStatsRepository;
import io.roadstream.testkit.SseTestClient;
import io.roadstream.testkit.TestPostgres;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class RoadstreamServerIT {

  private static final Instant EIGHT = Instant.parse("2024-05-01T08:00:00Z");
  private static final Instant EIGHT_ONE = Instant.parse("2024-05-01T08:01:00Z");
  private static final Instant EIGHT_TWO = Instant.parse("2024-05-01T08:02:00Z");
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final PipelineStatus STATUS =
      new PipelineStatus(1234.5, 42.0, 7, 99, Instant.parse("2024-05-01T08:02:30Z"));

  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final RoadNetwork network = TestTown.network();
  private TestPostgres postgres;
  private Database database;
  private SegmentStatsRepository repository;
  private RoadstreamServer server;

  @BeforeEach
  void startServer(TestInfo test) {
    postgres = TestPostgres.freshSchema(test.getTestMethod().orElseThrow().getName());
    database = Database.open(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD, postgres.schema());
    repository = new SegmentStatsRepository(database.dataSource());
  }

  private void start() {
    server = new RoadstreamServer(network, Stores.on(database.dataSource()), () -> STATUS, 0).start();
  }

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
    database.close();
    postgres.close();
  }

  @Test
  void listsOpenJamsAndForgetsThemWhenTheyClear() throws Exception {
    start();
    JamRepository jams = new JamRepository(database.dataSource());
    SegmentStats slow = stats("main-eb-1", EIGHT, 12.0, LevelOfService.F);
    long opened = EIGHT_ONE.toEpochMilli();
    jams.write(List.of(new io.roadstream.core.congestion.CongestionEvent("jam-1",
        io.roadstream.core.congestion.CongestionEventType.OPENED, opened, opened, "main-eb-1", "main-eb-1",
        new String[] {"main-eb-1"}, 1.0, 12.0, new SegmentStats[] {slow})));

    JsonNode open = getJson("/api/jams", 200);
    assertThat(open).hasSize(1);
    assertThat(open.get(0).path("jamId").asText()).isEqualTo("jam-1");
    assertThat(open.get(0).path("segmentIds")).extracting(JsonNode::asText).containsExactly("main-eb-1");
    assertThat(open.get(0).path("openedAt").asText()).isEqualTo("2024-05-01T08:01:00Z");
    assertThat(open.get(0).path("minSpeedKmh").asDouble()).isEqualTo(12.0);

    long cleared = EIGHT_TWO.toEpochMilli();
    jams.write(List.of(new io.roadstream.core.congestion.CongestionEvent("jam-1",
        io.roadstream.core.congestion.CongestionEventType.CLEARED, cleared, opened, "main-eb-1", "main-eb-1",
        new String[0], 0, null, new SegmentStats[] {slow})));
    assertThat(getJson("/api/jams", 200)).isEmpty();
  }

  @Test
  void listsOpenIncidentsPlacedOnTheMapUntilTheyClear() throws Exception {
    start();
    IncidentRepository incidents = new IncidentRepository(database.dataSource());
    long at = EIGHT_ONE.toEpochMilli();
    incidents.write(List.of(new io.roadstream.core.event.Incident("acc-1", io.roadstream.core.event.IncidentType.DETECTED,
        "accident", "probes", at, "main-eb-1", 100.0, null, null, new String[] {"a", "b"}, "2 vehicles stopped")));

    JsonNode open = getJson("/api/incidents", 200);
    assertThat(open).hasSize(1);
    JsonNode incident = open.get(0);
    assertThat(incident.path("incidentId").asText()).isEqualTo("acc-1");
    assertThat(incident.path("state").asText()).isEqualTo("DETECTED");
    assertThat(incident.path("kind").asText()).isEqualTo("accident");
    assertThat(incident.path("source").asText()).isEqualTo("probes");
    assertThat(incident.path("evidence").asText()).isEqualTo("2 vehicles stopped");
    assertThat(incident.path("detectedAt").asText()).isEqualTo("2024-05-01T08:01:00Z");
    assertThat(incident.path("vehicleIds")).extracting(JsonNode::asText).containsExactly("a", "b");
    var expected = network.requireSegment("main-eb-1").pointAt(100.0);
    assertThat(incident.path("lat").asDouble()).isEqualTo(expected.lat());
    assertThat(incident.path("lon").asDouble()).isEqualTo(expected.lon());

    incidents.write(List.of(new io.roadstream.core.event.Incident("acc-1", io.roadstream.core.event.IncidentType.CONFIRMED,
        "accident", "probes", at + 60_000, "main-eb-1", 100.0, null, null, new String[] {"a", "b", "c"},
        "3 vehicles stopped")));
    JsonNode confirmed = getJson("/api/incidents", 200).get(0);
    assertThat(confirmed.path("state").asText()).isEqualTo("CONFIRMED");
    assertThat(confirmed.path("confirmedAt").asText()).isEqualTo("2024-05-01T08:02:00Z");
    assertThat(confirmed.path("vehicleIds")).extracting(JsonNode::asText).containsExactly("a", "b", "c");

    incidents.write(List.of(new io.roadstream.core.event.Incident("acc-1", io.roadstream.core.event.IncidentType.CLEARED,
        "accident", "probes", at + 600_000, "main-eb-1", 100.0, null, null, new String[] {"a", "b"}, "moved on")));
    assertThat(getJson("/api/incidents", 200)).isEmpty();

    // a map that keeps cleared incidents in sight for a while asks for those cleared since a moment
    JsonNode recent = getJson("/api/incidents?clearedSince=" + q("2024-05-01T08:10:00Z"), 200);
    assertThat(recent).hasSize(1);
    assertThat(recent.get(0).path("state").asText()).isEqualTo("CLEARED");
    assertThat(recent.get(0).path("clearedAt").asText()).isEqualTo("2024-05-01T08:11:00Z");
    assertThat(getJson("/api/incidents?clearedSince=" + q("2024-05-01T08:11:00.001Z"), 200)).isEmpty();
    assertThat(getJson("/api/incidents?clearedSince=soon", 400).path("error").asText()).contains("'clearedSince'");
  }

  @Test
  void servesThePlanInForceAtEachIntersectionAndItsHistory() throws Exception {
    start();
    SignalPlanRepository plans = new SignalPlanRepository(database.dataSource());
    SignalPlan earlier = plan(EIGHT, 60.0, 0.30, 0.20);
    SignalPlan later = plan(EIGHT.plusSeconds(300), 84.0, 0.45, 0.25);
    plans.write(List.of(earlier, later));

    JsonNode current = getJson("/api/signal-plans", 200);
    assertThat(current).hasSize(1);
    JsonNode plan = current.get(0);
    assertThat(plan.path("intersectionId").asText()).isEqualTo("X-main-ring");
    assertThat(plan.path("name").asText()).isEqualTo("Main St / Ring");
    assertThat(plan.path("lat").asDouble()).isEqualTo(52.502);
    assertThat(plan.path("lon").asDouble()).isEqualTo(13.420);
    assertThat(plan.path("computedAt").asText()).isEqualTo("2024-05-01T08:05:00Z");
    assertThat(plan.path("cycleS").asDouble()).isEqualTo(84.0);
    assertThat(plan.path("lostTimeS").asDouble()).isEqualTo(12.0);
    assertThat(plan.path("criticalFlowRatioSum").asDouble()).isEqualTo(later.criticalFlowRatioSum());
    assertThat(plan.path("oversaturated").asBoolean()).isFalse();
    assertThat(plan.path("basedOnWindowStart").asText()).isEqualTo("2024-05-01T08:00:00Z");
    JsonNode phases = plan.path("phases");
    assertThat(phases).hasSize(2);
    assertThat(phases.get(0).path("approaches")).extracting(a -> a.path("segmentId").asText())
        .containsExactly("ring-sb");
    assertThat(phases.get(0).path("approaches").get(0).path("name").asText()).isEqualTo("Ring Motorway southbound");
    assertThat(phases.get(0).path("criticalFlowRatio").asDouble()).isEqualTo(0.45);
    assertThat(phases.get(0).path("greenS").asDouble()).isEqualTo(later.phases().get(0).greenS());
    assertThat(phases.get(1).path("approaches")).extracting(a -> a.path("segmentId").asText())
        .containsExactly("main-eb-1", "main-wb-2");
    assertThat(phases.get(1).path("greenS").asDouble()).isEqualTo(later.phases().get(1).greenS());

    JsonNode history = getJson("/api/intersections/X-main-ring/signal-plans?from=" + q("2024-05-01T07:00:00Z")
        + "&to=" + q("2024-05-01T09:00:00Z"), 200);
    assertThat(history.path("intersectionId").asText()).isEqualTo("X-main-ring");
    assertThat(history.path("name").asText()).isEqualTo("Main St / Ring");
    assertThat(history.path("from").asText()).isEqualTo("2024-05-01T07:00:00Z");
    assertThat(history.path("plans")).extracting(p -> p.path("computedAt").asText())
        .containsExactly("2024-05-01T08:00:00Z", "2024-05-01T08:05:00Z");
    assertThat(history.path("plans").get(0).path("cycleS").asDouble()).isEqualTo(60.0);

    // [from, to): a plan computed at 'to' is left out
    JsonNode halfOpen = getJson("/api/intersections/X-main-ring/signal-plans?from=" + q("2024-05-01T08:00:00Z")
        + "&to=" + q("2024-05-01T08:05:00Z"), 200);
    assertThat(halfOpen.path("plans")).extracting(p -> p.path("computedAt").asText())
        .containsExactly("2024-05-01T08:00:00Z");
  }

  @Test
  void signalPlanRoutesAnswerErrorsAsJson() throws Exception {
    start();
    assertThat(getJson("/api/signal-plans", 200)).isEmpty();

    JsonNode unknown = getJson("/api/intersections/nowhere/signal-plans", 404);
    assertThat(unknown.path("status").asInt()).isEqualTo(404);
    assertThat(unknown.path("error").asText()).contains("'nowhere'");

    JsonNode badFrom = getJson("/api/intersections/X-main-ring/signal-plans?from=yesterday", 400);
    assertThat(badFrom.path("error").asText()).contains("'from'");
    JsonNode backwards = getJson("/api/intersections/X-main-ring/signal-plans?from=" + q("2024-05-01T09:00:00Z")
        + "&to=" + q("2024-05-01T08:00:00Z"), 400);
    assertThat(backwards.path("error").asText()).contains("'from'");

    database.close(); // the database stops answering
    assertThat(getJson("/api/signal-plans", 503).path("status").asInt()).isEqualTo(503);
  }

  /** A plan for the test town's only intersection: the ring's approach, then Main Street's two. */
  private static SignalPlan plan(Instant computedAt, double cycleS, double yRing, double yMain) {
    double green = cycleS - 12.0;
    long end = computedAt.toEpochMilli();
    return new SignalPlan("X-main-ring", end, cycleS, 12.0, List.of(
        new SignalPlan.Phase(List.of("ring-sb"), yRing, green * yRing / (yRing + yMain)),
        new SignalPlan.Phase(List.of("main-eb-1", "main-wb-2"), yMain, green * yMain / (yRing + yMain))),
        yRing + yMain, false, end - 300_000, end);
  }

  @Test
  void listsAlertsInForceUntilWithdrawn() throws Exception {
    start();
    AlertRepository alerts = new AlertRepository(database.dataSource());
    long at = EIGHT_ONE.toEpochMilli();
    io.roadstream.core.event.Alert issued = new io.roadstream.core.event.Alert("acc-1>main-eb-1", "ISSUED", at,
        "main-eb-1", 400, "accident", "acc-1", "main-eb-1", "Accident 400 m ahead");
    alerts.write(List.of(issued));

    JsonNode feed = getJson("/api/alerts", 200);
    assertThat(feed).hasSize(1);
    assertThat(feed.get(0).path("message").asText()).isEqualTo("Accident 400 m ahead");
    assertThat(feed.get(0).path("time").asText()).isEqualTo("2024-05-01T08:01:00Z");

    alerts.write(List.of(new io.roadstream.core.event.Alert("acc-1>main-eb-1", "WITHDRAWN", at + 60_000,
        "main-eb-1", 400, "accident", "acc-1", "main-eb-1", "cleared")));
    alerts.write(List.of(issued)); // an older message arriving late does not bring it back
    assertThat(getJson("/api/alerts", 200)).isEmpty();
  }

  @Test
  void servesRowsWrittenBeforeItStarted() throws Exception {
    repository.upsert(List.of(stats("main-eb-1", EIGHT, 42.5, LevelOfService.B)));
    start();

    JsonNode live = getJson("/api/live", 200);
    assertThat(live).hasSize(1);
    assertThat(live.get(0).path("segmentId").asText()).isEqualTo("main-eb-1");
  }

  @Test
  void rowsWrittenWhileRunningAppearInLiveAndHistoryWithTheirValues() throws Exception {
    start();
    repository.upsert(List.of(
        stats("main-eb-1", EIGHT, 48.0, LevelOfService.A),
        stats("main-eb-1", EIGHT_ONE, 31.5, LevelOfService.C),
        new SegmentStats("ring-sb", EIGHT_ONE.toEpochMilli(), EIGHT_TWO.toEpochMilli(), null, null, null, null, null,
            null, 0, 0)));

    await().atMost(WAIT).untilAsserted(() -> assertThat(getJson("/api/live", 200)).hasSize(2));
    JsonNode live = getJson("/api/live", 200);
    JsonNode main = live.get(0);
    assertThat(main.path("segmentId").asText()).isEqualTo("main-eb-1");
    assertThat(main.path("windowStart").asText()).isEqualTo("2024-05-01T08:01:00Z");
    assertThat(main.path("windowEnd").asText()).isEqualTo("2024-05-01T08:02:00Z");
    assertThat(main.path("avgSpeedKmh").asDouble()).isEqualTo(31.5);
    assertThat(main.path("flowVehPerHour").asDouble()).isEqualTo(1500.0);
    assertThat(main.path("densityVehPerKmPerLane").asDouble()).isEqualTo(1500.0 / 31.5 / 2);
    assertThat(main.path("occupancy").asDouble()).isEqualTo(0.12);
    assertThat(main.path("travelTimeS").asDouble()).isEqualTo(80.0);
    assertThat(main.path("los").asText()).isEqualTo("C");
    assertThat(main.path("detectorSamples").asInt()).isEqualTo(3);
    assertThat(main.path("probeSamples").asInt()).isEqualTo(11);
    assertThat(Instant.parse(main.path("updatedAt").asText())).isAfter(EIGHT);
    JsonNode ring = live.get(1);
    assertThat(ring.path("segmentId").asText()).isEqualTo("ring-sb");
    assertThat(ring.path("avgSpeedKmh").isNull()).isTrue();
    assertThat(ring.path("los").isNull()).isTrue();

    JsonNode history = getJson("/api/segments/main-eb-1/stats?from=" + q("2024-05-01T07:00:00Z")
        + "&to=" + q("2024-05-01T09:00:00Z"), 200);
    assertThat(history.path("segmentId").asText()).isEqualTo("main-eb-1");
    assertThat(history.path("from").asText()).isEqualTo("2024-05-01T07:00:00Z");
    assertThat(history.path("stats")).extracting(s -> s.path("windowStart").asText())
        .containsExactly("2024-05-01T08:00:00Z", "2024-05-01T08:01:00Z");
    assertThat(history.path("stats").get(0).path("avgSpeedKmh").asDouble()).isEqualTo(48.0);
    assertThat(history.path("stats").get(0).path("los").asText()).isEqualTo("A");

    // [from, to): a window starting at 'to' is not included, one starting at 'from' is
    JsonNode halfOpen = getJson("/api/segments/main-eb-1/stats?from=" + q("2024-05-01T08:01:00Z")
        + "&to=" + q("2024-05-01T08:01:00.001Z"), 200);
    assertThat(halfOpen.path("stats")).extracting(s -> s.path("windowStart").asText())
        .containsExactly("2024-05-01T08:01:00Z");
    JsonNode before = getJson("/api/segments/main-eb-1/stats?from=" + q("2024-05-01T07:00:00Z")
        + "&to=" + q("2024-05-01T08:00:00Z"), 200);
    assertThat(before.path("stats")).isEmpty();
  }

  @Test
  void historyDefaultsToTheLastHour() throws Exception {
    Instant now = Instant.now();
    repository.upsert(List.of(
        stats("main-wb-1", now.minus(Duration.ofMinutes(30)), 40.0, LevelOfService.B),
        stats("main-wb-1", now.minus(Duration.ofMinutes(90)), 45.0, LevelOfService.A)));
    start();

    JsonNode history = getJson("/api/segments/main-wb-1/stats", 200);
    assertThat(history.path("stats")).hasSize(1);
    assertThat(history.path("stats").get(0).path("avgSpeedKmh").asDouble()).isEqualTo(40.0);
  }

  @Test
  void answersErrorsAsJson() throws Exception {
    start();
    JsonNode unknown = getJson("/api/segments/nowhere/stats", 404);
    assertThat(unknown.path("status").asInt()).isEqualTo(404);
    assertThat(unknown.path("error").asText()).contains("nowhere");
    assertThat(unknown.size()).isEqualTo(2);

    JsonNode badFrom = getJson("/api/segments/main-eb-1/stats?from=yesterday", 400);
    assertThat(badFrom.path("status").asInt()).isEqualTo(400);
    assertThat(badFrom.path("error").asText()).contains("'from'");

    JsonNode badTo = getJson("/api/segments/main-eb-1/stats?to=2024-05-01", 400);
    assertThat(badTo.path("error").asText()).contains("'to'");

    JsonNode backwards = getJson("/api/segments/main-eb-1/stats?from=" + q("2024-05-01T09:00:00Z")
        + "&to=" + q("2024-05-01T08:00:00Z"), 400);
    assertThat(backwards.path("error").asText()).contains("'from'");

    JsonNode tooLong = getJson("/api/segments/main-eb-1/stats?from=" + q("2024-01-01T00:00:00Z")
        + "&to=" + q("2024-05-01T00:00:00Z"), 400);
    assertThat(tooLong.path("error").asText()).contains("'from'").contains("31 days");

    JsonNode noRoute = getJson("/api/nothing-here", 404);
    assertThat(noRoute.path("status").asInt()).isEqualTo(404);
    assertThat(noRoute.path("error").asText()).contains("/api/nothing-here");
  }

  @Test
  void servesTheNetworkAsGeoJson() throws Exception {
    start();
    HttpResponse<String> response = get("/api/network");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode collection = mapper.readTree(response.body());
    assertThat(collection.path("type").asText()).isEqualTo("FeatureCollection");
    assertThat(collection.path("name").asText()).isEqualTo("test-town");
    assertThat(collection.path("features")).hasSize(
        network.segments().size() + network.detectors().size() + network.intersections().size());
  }

  @Test
  void streamsAStatsEventForARowWrittenAfterConnecting() throws Exception {
    repository.upsert(List.of(stats("main-eb-2", EIGHT, 50.0, LevelOfService.A)));
    start();
    try (SseTestClient sse = new SseTestClient(http, uri("/api/stream"))) {
      assertThat(sse.status(WAIT)).isEqualTo(200);
      // the status event sent on connect shows the server has registered this client
      SseTestClient.Event status = sse.await(e -> e.name().equals("status"), WAIT, "'status' on connect");
      assertThat(mapper.readTree(status.data()).path("deadLetters").asLong()).isEqualTo(7);

      repository.upsert(List.of(stats("main-eb-2", EIGHT_ONE, 22.0, LevelOfService.E)));

      SseTestClient.Event event = sse.await(e -> e.name().equals("stats"), WAIT, "'stats' for main-eb-2 08:01");
      JsonNode row = mapper.readTree(event.data());
      assertThat(row.path("segmentId").asText()).isEqualTo("main-eb-2");
      assertThat(row.path("windowStart").asText()).isEqualTo("2024-05-01T08:01:00Z");
      assertThat(row.path("avgSpeedKmh").asDouble()).isEqualTo(22.0);
      assertThat(row.path("los").asText()).isEqualTo("E");
    }
  }

  @Test
  void reportsPipelineStatus() throws Exception {
    start();
    JsonNode status = getJson("/api/status", 200);
    assertThat(status.path("eventsInPerSecond").asDouble()).isEqualTo(1234.5);
    assertThat(status.path("statsOutPerSecond").asDouble()).isEqualTo(42.0);
    assertThat(status.path("deadLetters").asLong()).isEqualTo(7);
    assertThat(status.path("consumerLag").asLong()).isEqualTo(99);
    assertThat(status.path("asOf").asText()).isEqualTo("2024-05-01T08:02:30Z");
  }

  @Test
  void isHealthyWhileTheDatabaseAnswersAndKeepsServingTheLivePictureWhenItDoesNot() throws Exception {
    repository.upsert(List.of(stats("main-eb-1", EIGHT, 42.5, LevelOfService.B)));
    start();
    assertThat(getJson("/health", 200).toString()).isEqualTo("{\"status\":\"UP\"}");

    database.close(); // every later query fails, as in an outage

    JsonNode down = getJson("/health", 503);
    assertThat(down.path("status").asText()).isEqualTo("DOWN");
    assertThat(down.path("reason").asText()).startsWith("database:");
    assertThat(getJson("/api/live", 200)).hasSize(1);
    JsonNode history = getJson("/api/segments/main-eb-1/stats", 503);
    assertThat(history.path("status").asInt()).isEqualTo(503);
  }

  @Test
  void servesTheDashboardAndLeafletWithoutTheInternet() throws Exception {
    start();
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("/webjars/leaflet/1.9.4/dist/leaflet.js").doesNotContain("https://");
    assertThat(get("/webjars/leaflet/1.9.4/dist/leaflet.js").statusCode()).isEqualTo(200);
    assertThat(get("/webjars/leaflet/1.9.4/dist/leaflet.css").statusCode()).isEqualTo(200);
    assertThat(get("/app.js").statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js");
    assertThat(get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").statusCode()).isEqualTo(200);
    assertThat(get("/webjars/uplot/1.6.30/dist/uPlot.min.css").statusCode()).isEqualTo(200);
  }

  @Test
  void tellsTheDashboardItsTileLayerAndNoneByDefault() throws Exception {
    start();
    JsonNode none = getJson("/api/dashboard", 200);
    assertThat(none.path("tileUrl").asText("missing")).isEmpty();
    assertThat(none.path("tileAttribution").asText("missing")).isEmpty();
    server.close();

    server = new RoadstreamServer(network, Stores.on(database.dataSource()), () -> STATUS, 0)
        .dashboard(new DashboardSettings("https://tiles.example/{z}/{x}/{y}.png", "© Example contributors"))
        .start();
    JsonNode tiles = getJson("/api/dashboard", 200);
    assertThat(tiles.path("tileUrl").asText()).isEqualTo("https://tiles.example/{z}/{x}/{y}.png");
    assertThat(tiles.path("tileAttribution").asText()).isEqualTo("© Example contributors");
    assertThatThrownBy(() -> server.dashboard(DashboardSettings.NO_TILES)).isInstanceOf(IllegalStateException.class);
  }

  private static SegmentStats stats(String segmentId, Instant start, double speed, LevelOfService los) {
    double flow = 1500.0;
    return new SegmentStats(segmentId, start.toEpochMilli(), start.plusSeconds(60).toEpochMilli(), speed, flow,
        flow / speed / 2, 0.12, 80.0, los, 3, 11);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).timeout(WAIT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode getJson(String path, int expectedStatus) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as("status of GET %s (body %s)", path, response.body())
        .isEqualTo(expectedStatus);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    return mapper.readTree(response.body());
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
