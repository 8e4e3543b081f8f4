package io.roadstream.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.Topics;
import io.roadstream.core.event.IncidentType;
import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.store.Database;
import io.roadstream.store.Materializer;
import io.roadstream.store.Materializers;
import io.roadstream.store.Stores;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import io.roadstream.testkit.TestPostgres;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The dashboard in a real headless Chromium against the real server, a real PostgreSQL and a real Kafka broker: the
 * pipeline's derived events (a morning of segment statistics, a jam, alerts, signal plans) go onto Kafka, the real
 * materializers write them into PostgreSQL, and the page reads them through the API and the live stream. The test
 * looks at the page as an operator would: every segment of the network file drawn in its Level of Service colour from
 * the legend, the jam along its extent, the alerts, an accident appearing and opening with its evidence, a segment's
 * last hours charted, and the page carrying on by itself across a server restart. It saves the screenshots the
 * README shows. One browser for the class; the methods run in order and each loads the page afresh.
 */
@ExtendWith(KafkaTestBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration INCIDENT_WAIT = Duration.ofSeconds(60);
  private static final PipelineStatus STATUS = new PipelineStatus(2310.4, 31.5, 3, 0, MorningTraffic.END);
  /** The README's screenshots, refreshed by every run. */
  private static final Path SCREENSHOTS =
      Path.of(System.getProperty("basedir", ".")).resolve("../docs/img").toAbsolutePath().normalize();
  private static final String CHARTED = "M1-E-06";
  private static final String RESTYLED = "R1-CW-01";

  private final RoadNetwork network = new RoadNetworkLoader().load("metroville");
  private final MorningTraffic traffic = new MorningTraffic(network);
  private final EventCodec codec = new EventCodec();
  private final List<Materializer<?>> materializers = new ArrayList<>();
  private final List<Thread> materializerThreads = new ArrayList<>();
  private HeadlessChromium browser;
  private KafkaTestClients kafka;
  private Topics topics;
  private TestPostgres postgres;
  private Database database;
  private Stores stores;
  private RoadstreamServer server;
  private String base;

  @BeforeAll
  void start(KafkaTestClients kafka) throws Exception {
    browser = HeadlessChromium.start(1440, 900); // first: without a browser there is nothing to test
    this.kafka = kafka;
    topics = new Topics(KafkaTestClients.uniqueName("dashboard") + ".");
    kafka.admin().createTopics(topics.all().stream().map(t -> new NewTopic(t, 2, (short) 1)).toList())
        .all().get(30, TimeUnit.SECONDS);
    kafka.awaitLeaders(topics.all(), WAIT);
    postgres = TestPostgres.freshSchema("dashboard_browser");
    database = Database.open(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD, postgres.schema());
    stores = Stores.on(database.dataSource());
    startMaterializers();

    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    traffic.history().forEach(s -> records.add(record(topics.segmentStats(), s.segmentId(), codec.encode(s))));
    records.add(record(topics.congestion(), MorningTraffic.JAM_ID, codec.encode(traffic.jam())));
    traffic.alerts().forEach(a -> records.add(record(topics.alerts(), a.segmentId(), codec.encode(a))));
    traffic.signalPlans().forEach(p -> records.add(record(topics.signalPlans(), p.intersectionId(), codec.encode(p))));
    kafka.produceRecords(records);
    long windows = (long) MorningTraffic.WINDOWS * network.segments().size();
    await("the materializers write the morning into PostgreSQL").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> stores.stats().count() == windows && stores.jams().open().size() == 1
            && stores.alerts().inForce(100).size() == 2 && stores.signalPlans().current().size() == 2);

    server = startServer(0);
    base = "http://127.0.0.1:" + server.port();
  }

  private void startMaterializers() {
    Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrapServers());
    String groups = topics.prefix() + "materializers";
    materializers.add(Materializers.segmentStats(props, groups, topics, stores.stats(), rows -> { }));
    materializers.add(Materializers.congestion(props, groups, topics, stores.jams()));
    materializers.add(Materializers.incidents(props, groups, topics, stores.incidents()));
    materializers.add(Materializers.alerts(props, groups, topics, stores.alerts()));
    materializers.add(Materializers.signalPlans(props, groups, topics, stores.signalPlans()));
    for (Materializer<?> m : materializers) {
      Thread t = new Thread(m, "materializer-" + materializerThreads.size());
      t.setDaemon(true);
      t.start();
      materializerThreads.add(t);
    }
  }

  private RoadstreamServer startServer(int port) {
    return new RoadstreamServer(network, stores, () -> STATUS, port).dashboard(DashboardSettings.NO_TILES).start();
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
      materializers.forEach(Materializer::close);
      for (Thread t : materializerThreads) {
        t.join(10_000);
      }
      if (database != null) {
        database.close();
      }
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  @Test
  @Order(1)
  void drawsEverySegmentOfTheNetworkFileInTheColourOfItsLevelOfService() throws Exception {
    NetworkFile file = NetworkFile.read("/networks/metroville.geojson");
    open(file.segmentIds().size());

    List<String> drawn = strings("return Array.from(document.querySelectorAll('path.rs-segment'))"
        + ".map(p => p.getAttribute('data-segment-id'))");
    assertThat(drawn).as("segments drawn on the map").hasSize(file.segmentIds().size())
        .containsExactlyInAnyOrderElementsOf(file.segmentIds());
    assertThat(text("segments-live")).isEqualTo(file.segmentIds().size() + " / " + file.segmentIds().size());

    // each line in the legend's colour of the Level of Service of its newest window
    Map<String, String> legend = colours("#legend .row[data-los]", "data-los", ".swatch", "backgroundColor");
    Map<String, String> strokes = colours("path.rs-segment", "data-segment-id", null, "stroke");
    assertThat(legend).containsKeys("A", "B", "C", "D", "E", "F");
    Map<String, LevelOfService> expected = new LinkedHashMap<>();
    traffic.latest().forEach(s -> expected.put(s.segmentId(), s.los()));
    assertThat(expected.values()).as("the fixture shows several levels").contains(LevelOfService.A, LevelOfService.F);
    expected.forEach((id, los) -> assertThat(strokes.get(id)).as("colour of %s (LOS %s)", id, los)
        .isEqualTo(legend.get(los.name())));

    // the jam glows along the segments it covers, and is listed
    await("the jam drawn").atMost(WAIT).until(() -> !driver().findElements(By.cssSelector("path.rs-jam")).isEmpty());
    assertThat(strings("return Array.from(document.querySelectorAll('path.rs-jam'))"
        + ".map(p => p.getAttribute('data-segment-id'))"))
        .containsExactlyInAnyOrderElementsOf(MorningTraffic.JAM_SEGMENTS);
    assertThat(driver().findElement(By.id("jams")).getText()).containsIgnoringCase("jams · 1")
        .contains("3 segments", "head M1-E-07 ← tail M1-E-05");
    assertThat(text("jam-count")).isEqualTo("1");

    // the driver alerts in force, newest first, each with its message
    List<WebElement> alerts = driver().findElements(By.cssSelector("#alerts .alert-row"));
    assertThat(alerts).extracting(e -> e.getAttribute("data-segment")).containsExactlyInAnyOrder("M1-E-04", "M1-E-03");
    assertThat(driver().findElement(By.id("alerts")).getText())
        .contains(traffic.alerts().get(0).message(), traffic.alerts().get(1).message());

    // every intersection of the file, with its plan where one is in force
    Map<String, String> plans = new HashMap<>();
    driver().findElements(By.cssSelector("path.rs-intersection"))
        .forEach(e -> plans.put(e.getAttribute("data-intersection-id"), e.getAttribute("data-plan")));
    assertThat(plans.keySet()).containsExactlyInAnyOrderElementsOf(file.intersectionIds());
    assertThat(plans).containsEntry("I-B2", "yes").containsEntry("I-C2", "oversaturated").containsEntry("I-A1", "no");

    // the status strip
    assertThat(text("events-in")).isEqualTo("2,310");
    assertThat(text("dead-letters")).isEqualTo("3");
    assertThat(text("lag")).isEqualTo("0");
    assertThat(text("latest-window")).isEqualTo("08:59:00 – 09:00:00");
    assertThat(browser.consoleErrors()).as("browser console errors").isEmpty();
  }

  @Test
  @Order(2)
  void aScriptedAccidentAppearsWithinAMinuteAndOpensWithItsEvidence() throws Exception {
    open(network.segments().size());
    produce(topics.incidents(), MorningTraffic.ACCIDENT_ID,
        codec.encode(traffic.accident(IncidentType.DETECTED, Instant.parse("2026-11-26T08:58:00Z"))));

    By marker = By.cssSelector("path.rs-incident[data-incident-id='" + MorningTraffic.ACCIDENT_ID + "']");
    await("the accident on the map").atMost(INCIDENT_WAIT).pollInterval(Duration.ofMillis(250))
        .until(() -> !driver().findElements(marker).isEmpty());
    assertThat(text("incidents")).isEqualTo("1");
    assertThat(driver().findElement(By.cssSelector("#incident-feed .incident-row")).getText())
        .contains("DETECTED", "accident", "M1 eastbound · 620 m · since 08:58:00");

    driver().findElement(marker).click();
    By popup = By.cssSelector(".leaflet-popup .incident");
    await("the accident's popup").atMost(WAIT).until(() -> !driver().findElements(popup).isEmpty());
    assertThat(driver().findElement(popup).getText())
        .contains("DETECTED", "accident", MorningTraffic.ACCIDENT_ID, "probes", "M1 eastbound · 620 m",
            "v-1042, v-2210 (2)", "2 vehicles stopped within 10 m for 4 reports each");

    // the job confirms it: the open popup shows the news in place
    produce(topics.incidents(), MorningTraffic.ACCIDENT_ID,
        codec.encode(traffic.accident(IncidentType.CONFIRMED, Instant.parse("2026-11-26T08:59:00Z"))));
    await("the accident confirmed").atMost(INCIDENT_WAIT).pollInterval(Duration.ofMillis(250))
        .until(() -> "CONFIRMED".equals(driver().findElement(marker).getAttribute("data-state"))
            && driver().findElement(popup).getText().contains("CONFIRMED"));
    assertThat(driver().findElement(popup).getText()).containsPattern("Confirmed\\s+08:59:00");

    save("incident.png", driver().findElement(By.cssSelector(".leaflet-popup")).getScreenshotAs(OutputType.BYTES));
    driver().findElement(By.cssSelector(".leaflet-popup-close-button")).click();
    await("the popup closed").atMost(WAIT).until(() -> driver().findElements(popup).isEmpty());
    save("dashboard.png", screenshotWithoutHover());
    assertThat(browser.consoleErrors()).as("browser console errors").isEmpty();
  }

  @Test
  @Order(3)
  void clickingASegmentChartsItsLastThreeHoursAndTheChartFollowsTheStream() throws Exception {
    NetworkFile file = NetworkFile.read("/networks/metroville.geojson");
    open(network.segments().size());
    clickSegment(CHARTED);

    By chart = By.cssSelector("#panel-chart[data-segment-id='" + CHARTED + "'][data-points]");
    await("the chart of " + CHARTED).atMost(WAIT).until(() -> !driver().findElements(chart).isEmpty()
        && driver().findElements(By.cssSelector("#panel-chart .uplot canvas")).size() == 2);
    Instant from = MorningTraffic.END.minus(Duration.ofHours(3));
    long expectedPoints = traffic.history().stream()
        .filter(s -> s.segmentId().equals(CHARTED) && !Instant.ofEpochMilli(s.windowStart()).isBefore(from))
        .count();
    assertThat(expectedPoints).isEqualTo(180);
    assertThat(driver().findElement(chart).getAttribute("data-points")).isEqualTo(String.valueOf(expectedPoints));
    assertThat(driver().findElement(By.cssSelector("#panel-info h2")).getText()).isEqualTo(file.name(CHARTED));
    assertThat(text("chart-range")).isEqualTo("06:00:00 – 08:59:00");
    assertThat(text("chart-note")).contains("free-flow speed, " + file.freeFlowKmh(CHARTED) + " km/h");
    assertThat(driver().findElement(By.id("panel-chart")).getText()).contains("speed", "free-flow", "flow", "occupancy");

    // a new window arrives on the stream: the chart moves on by a window without a reload
    SegmentStats next = traffic.window(network.requireSegment(CHARTED), MorningTraffic.END, 0.05);
    produce(topics.segmentStats(), CHARTED, codec.encode(next));
    await("the chart moves on").atMost(WAIT).until(() -> text("chart-range").equals("06:01:00 – 09:00:00"));
    assertThat(driver().findElement(chart).getAttribute("data-points")).isEqualTo(String.valueOf(expectedPoints));

    save("segment-chart.png", screenshotWithoutHover());
    assertThat(browser.consoleErrors()).as("browser console errors").isEmpty();
  }

  @Test
  @Order(4)
  void carriesOnByItselfAcrossAServerRestart() throws Exception {
    open(network.segments().size());
    driver().executeScript("window.sameDocument = 'yes';");
    int port = server.port();
    server.close();

    await("the page says the stream is down").atMost(WAIT)
        .until(() -> "down".equals(driver().findElement(By.id("connection")).getAttribute("data-state")));
    assertThat(driver().findElement(By.id("banner")).isDisplayed()).isTrue();
    assertThat(text("banner")).startsWith("Live updates lost at");

    server = startServer(port);
    await("the page reconnects").atMost(Duration.ofSeconds(30))
        .until(() -> "live".equals(driver().findElement(By.id("connection")).getAttribute("data-state")));
    await("the banner goes").atMost(WAIT).until(() -> !driver().findElement(By.id("banner")).isDisplayed());

    SegmentStats before = traffic.latest().stream().filter(s -> s.segmentId().equals(RESTYLED)).findFirst().orElseThrow();
    SegmentStats after = traffic.window(network.requireSegment(RESTYLED), MorningTraffic.END.plusSeconds(60), 0.9);
    assertThat(after.los()).as("the fixture changes the segment's level").isNotEqualTo(before.los());
    produce(topics.segmentStats(), RESTYLED, codec.encode(after));
    By line = By.cssSelector("path.rs-segment[data-segment-id='" + RESTYLED + "']");
    await("the new server's stream reaches the page").atMost(WAIT)
        .until(() -> after.los().name().equals(driver().findElement(line).getAttribute("data-los")));
    assertThat(driver().executeScript("return window.sameDocument")).as("the page was not reloaded").isEqualTo("yes");

    // while the server was away the browser logged the refused connections, and nothing else
    assertThat(browser.consoleErrors()).as("browser console errors")
        .allSatisfy(e -> assertThat(e).contains(base).contains("net::ERR_"));
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  private ChromeDriver driver() {
    return browser.driver();
  }

  /** Loads the page and waits until the network is drawn and the live picture is in. */
  private void open(int segments) {
    driver().get(base + "/");
    await("the dashboard loads").atMost(WAIT).pollInterval(Duration.ofMillis(100))
        .until(() -> driver().findElements(By.cssSelector("path.rs-segment")).size() == segments
            && "live".equals(driver().findElement(By.id("connection")).getAttribute("data-state"))
            && text("segments-live").equals(segments + " / " + segments));
  }

  /** A real mouse click in the middle of a segment's line, after checking nothing else lies on top there. */
  private void clickSegment(String id) {
    @SuppressWarnings("unchecked")
    List<Object> at = (List<Object>) driver().executeScript("""
        const p = document.querySelector('path.rs-segment[data-segment-id="' + arguments[0] + '"]');
        const pt = p.getPointAtLength(p.getTotalLength() / 2), m = p.getScreenCTM();
        const x = pt.x * m.a + pt.y * m.c + m.e, y = pt.x * m.b + pt.y * m.d + m.f;
        const top = document.elementFromPoint(x, y);
        return [x, y, top ? top.getAttribute('class') + ' ' + top.getAttribute('data-segment-id') : 'nothing'];
        """, id);
    assertThat((String) at.get(2)).as("what lies on top of the middle of %s", id)
        .contains("rs-segment-hit").endsWith(" " + id);
    new Actions(driver()).moveToLocation((int) Math.round(((Number) at.get(0)).doubleValue()),
        (int) Math.round(((Number) at.get(1)).doubleValue())).click().perform();
  }

  private String text(String id) {
    return driver().findElement(By.id(id)).getText();
  }

  @SuppressWarnings("unchecked")
  private List<String> strings(String script) {
    return (List<String>) driver().executeScript(script);
  }

  /** The computed colour of each element matched, keyed by an attribute (of the element or a child). */
  @SuppressWarnings("unchecked")
  private Map<String, String> colours(String selector, String keyAttribute, String child, String property) {
    return (Map<String, String>) driver().executeScript("""
        const out = {};
        document.querySelectorAll(arguments[0]).forEach(el => {
          const target = arguments[2] ? el.querySelector(arguments[2]) : el;
          out[el.getAttribute(arguments[1])] = getComputedStyle(target)[arguments[3]];
        });
        return out;
        """, selector, keyAttribute, child, property);
  }

  private void produce(String topic, String key, byte[] value) {
    kafka.produceRecords(List.of(record(topic, key, value)));
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
    return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
  }

  /** The whole window, the mouse parked in an empty corner of the map so no tooltip hides anything. */
  private byte[] screenshotWithoutHover() {
    new Actions(driver()).moveToLocation(4, 300).perform();
    await("no tooltip").atMost(WAIT).until(() -> driver().findElements(By.cssSelector(".leaflet-tooltip")).stream()
        .noneMatch(WebElement::isDisplayed));
    return browser.screenshot();
  }

  private static void save(String name, byte[] png) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name), png);
  }

  /** The bundled network file read as plain GeoJSON, apart from the loader the server uses. */
  private record NetworkFile(JsonNode features) {

    static NetworkFile read(String resource) throws Exception {
      try (InputStream in = DashboardBrowserIT.class.getResourceAsStream(resource)) {
        assertThat(in).as(resource).isNotNull();
        return new NetworkFile(new ObjectMapper().readTree(in).path("features"));
      }
    }

    List<String> segmentIds() {
      return ids("segment");
    }

    List<String> intersectionIds() {
      return ids("intersection");
    }

    String name(String id) {
      return properties(id).path("name").asText();
    }

    long freeFlowKmh(String id) {
      return Math.round(properties(id).path("freeFlowKmh").asDouble());
    }

    private List<String> ids(String kind) {
      return StreamSupport.stream(features.spliterator(), false)
          .filter(f -> kind.equals(f.path("properties").path("kind").asText()))
          .map(f -> f.path("properties").path("id").asText())
          .toList();
    }

    private JsonNode properties(String id) {
      return StreamSupport.stream(features.spliterator(), false)
          .map(f -> f.path("properties"))
          .filter(p -> id.equals(p.path("id").asText()))
          .findFirst().orElseThrow(() -> new AssertionError("no feature " + id + " in the network file"));
    }
  }
}
