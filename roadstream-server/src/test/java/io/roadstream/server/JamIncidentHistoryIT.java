package io.roadstream.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.congestion.CongestionEventType;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.IncidentType;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.store.Database;
import io.roadstream.store.IncidentRepository;
import io.roadstream.store.JamRepository;
import io.roadstream.store.Stores;
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

/**
 * Jams and incidents by time range and area, over HTTP against a real PostgreSQL: what overlapped the range, on the
 * segments (from the network's geometry) that run through the box; without parameters, the open ones as before.
 */
class JamIncidentHistoryIT {

  /**
   * Test town: Main Street runs east–west along 52.50–52.503 between 13.40 and 13.43; the ring motorway comes down
   * from (13.415, 52.52) to the junction at (13.42, 52.502).
   */
  private static final String RING_NORTH = "13.41,52.51,13.42,52.525";
  private static final String MAIN_WEST = "13.395,52.499,13.405,52.5015";

  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final RoadNetwork network = TestTown.network();
  private TestPostgres postgres;
  private Database database;
  private RoadstreamServer server;

  private static long at(String hhmm) {
    return Instant.parse("2024-05-06T" + hhmm + ":00Z").toEpochMilli();
  }

  private static CongestionEvent jam(String id, CongestionEventType type, String time, String opened,
      String... segments) {
    return new CongestionEvent(id, type, at(time), at(opened), segments.length == 0 ? "x" : segments[0],
        segments.length == 0 ? "x" : segments[segments.length - 1], segments, segments.length * 1.0,
        type == CongestionEventType.CLEARED ? null : 15.0, new SegmentStats[0]);
  }

  private static Incident incident(String id, IncidentType type, String time, String segment, Double lat,
      Double lon) {
    return new Incident(id, type, "accident", "probes", at(time), segment, 200.0, lat, lon, new String[] {"v-1"},
        "stopped");
  }

  @BeforeEach
  void writeHistory(TestInfo test) throws Exception {
    postgres = TestPostgres.freshSchema(test.getTestMethod().orElseThrow().getName());
    database = Database.open(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD, postgres.schema());
    JamRepository jams = new JamRepository(database.dataSource());
    // on Main Street in the west, 07:00–08:00; it grew from main-eb-2 back onto main-eb-1 before it shrank
    jams.write(List.of(jam("jam-main", CongestionEventType.OPENED, "07:00", "07:00", "main-eb-2"),
        jam("jam-main", CongestionEventType.UPDATED, "07:20", "07:00", "main-eb-2", "main-eb-1"),
        jam("jam-main", CongestionEventType.UPDATED, "07:40", "07:00", "main-eb-2"),
        jam("jam-main", CongestionEventType.CLEARED, "08:00", "07:00")));
    // on the ring motorway since 09:00, still open
    jams.write(List.of(jam("jam-ring", CongestionEventType.OPENED, "09:00", "09:00", "ring-sb")));
    // early, on Main Street westbound, 05:00–05:30
    jams.write(List.of(jam("jam-early", CongestionEventType.OPENED, "05:00", "05:00", "main-wb-2"),
        jam("jam-early", CongestionEventType.CLEARED, "05:30", "05:00")));
    IncidentRepository incidents = new IncidentRepository(database.dataSource());
    // placed by coordinates, in Main Street's west; 07:10–07:40
    incidents.write(List.of(incident("acc-main", IncidentType.DETECTED, "07:10", "main-eb-1", 52.5005, 13.40),
        incident("acc-main", IncidentType.CLEARED, "07:40", "main-eb-1", 52.5005, 13.40)));
    // placed by its linear reference only, 200 m down the ring from its northern end; open since 09:05
    incidents.write(List.of(incident("acc-ring", IncidentType.DETECTED, "09:05", "ring-sb", null, null)));
    server = new RoadstreamServer(network, Stores.on(database.dataSource()), () -> null, 0).start();
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    database.close();
    postgres.close();
  }

  @Test
  void withoutParametersTheOpenOnesAsBefore() throws Exception {
    JsonNode jams = getJson("/api/jams", 200);
    assertThat(jams).hasSize(1);
    assertThat(jams.get(0).path("jamId").asText()).isEqualTo("jam-ring");
    assertThat(jams.get(0).has("clearedAt")).as("the open list keeps its fields").isFalse();
    JsonNode incidents = getJson("/api/incidents", 200);
    assertThat(incidents).extracting(n -> n.path("incidentId").asText()).containsExactly("acc-ring");
  }

  @Test
  void jamsThatOverlappedTheRange() throws Exception {
    assertThat(ids(getJson("/api/jams?from=" + q("07:30") + "&to=" + q("09:30"), 200), "jamId"))
        .containsExactly("jam-ring", "jam-main");
    // a jam cleared at 08:00 counts for a range from 08:00, as the existing history routes count it
    assertThat(ids(getJson("/api/jams?from=" + q("08:00") + "&to=" + q("08:30"), 200), "jamId"))
        .containsExactly("jam-main");
    assertThat(ids(getJson("/api/jams?from=" + q("08:01") + "&to=" + q("08:59"), 200), "jamId")).isEmpty();
    JsonNode all = getJson("/api/jams?from=" + q("04:00") + "&to=" + q("10:00"), 200);
    assertThat(ids(all, "jamId")).containsExactly("jam-ring", "jam-main", "jam-early");
    assertThat(all.get(1).path("clearedAt").asText()).isEqualTo("2024-05-06T08:00:00Z");
    assertThat(all.get(0).path("clearedAt").isNull()).isTrue();
  }

  @Test
  void jamsInAnAreaByAnySegmentTheyCovered() throws Exception {
    String day = "&from=" + q("04:00") + "&to=" + q("10:00");
    assertThat(ids(getJson("/api/jams?bbox=" + RING_NORTH + day, 200), "jamId")).containsExactly("jam-ring");
    // jam-main ended on main-eb-2 only, but covered main-eb-1 (the west end) for twenty minutes
    assertThat(ids(getJson("/api/jams?bbox=" + MAIN_WEST + day, 200), "jamId")).containsExactly("jam-main");
    // jam-early was on Main Street too, but on its eastern half
    assertThat(ids(getJson("/api/jams?bbox=13.425,52.50,13.435,52.505" + day, 200), "jamId"))
        .containsExactly("jam-main", "jam-early");
    // an area alone filters the open ones
    assertThat(ids(getJson("/api/jams?bbox=" + RING_NORTH, 200), "jamId")).containsExactly("jam-ring");
    assertThat(getJson("/api/jams?bbox=" + MAIN_WEST, 200)).isEmpty();
  }

  @Test
  void incidentsThatOverlappedTheRangeInAnArea() throws Exception {
    assertThat(ids(getJson("/api/incidents?from=" + q("07:00") + "&to=" + q("08:00"), 200), "incidentId"))
        .containsExactly("acc-main");
    assertThat(ids(getJson("/api/incidents?from=" + q("07:00") + "&to=" + q("10:00"), 200), "incidentId"))
        .containsExactly("acc-ring", "acc-main");
    JsonNode ring = getJson("/api/incidents?bbox=" + RING_NORTH + "&from=" + q("07:00") + "&to=" + q("10:00"), 200);
    assertThat(ids(ring, "incidentId")).containsExactly("acc-ring");
    // placed from the network: 200 m down the ring, inside the northern box
    var where = network.requireSegment("ring-sb").pointAt(200);
    assertThat(ring.get(0).path("lat").asDouble()).isEqualTo(where.lat());
    JsonNode main = getJson("/api/incidents?bbox=" + MAIN_WEST + "&from=" + q("07:00") + "&to=" + q("10:00"), 200);
    assertThat(ids(main, "incidentId")).containsExactly("acc-main");
    assertThat(main.get(0).path("state").asText()).isEqualTo("CLEARED");
    // an area alone filters the open ones
    assertThat(getJson("/api/incidents?bbox=" + MAIN_WEST, 200)).isEmpty();
  }

  @Test
  void refusesBadParametersWithTheReason() throws Exception {
    assertThat(getJson("/api/jams?bbox=13.4,52.5,13.5", 400).path("error").asText())
        .contains("'bbox' must be minLon,minLat,maxLon,maxLat");
    assertThat(getJson("/api/incidents?bbox=13.5,52.5,13.4,52.6", 400).path("error").asText())
        .contains("'bbox'", "minLon must not exceed maxLon");
    assertThat(getJson("/api/jams?bbox=13.4,95,13.5,96", 400).path("error").asText()).contains("latitudes");
    assertThat(getJson("/api/jams?from=" + q("09:00") + "&to=" + q("08:00"), 400).path("error").asText())
        .contains("must be before 'to'");
    assertThat(getJson("/api/incidents?from=soon", 400).path("error").asText()).contains("'from'");
    assertThat(getJson("/api/incidents?clearedSince=" + q("07:00") + "&from=" + q("07:00"), 400).path("error")
        .asText()).contains("'clearedSince' cannot be combined with 'from'/'to'");
  }

  private static List<String> ids(JsonNode list, String field) {
    return list.findValues(field).stream().map(JsonNode::asText).toList();
  }

  private JsonNode getJson(String path, int expectedStatus) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(10)).GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("status of GET %s (body %s)", path, response.body())
        .isEqualTo(expectedStatus);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    return mapper.readTree(response.body());
  }

  private static String q(String hhmm) {
    return URLEncoder.encode("2024-05-06T" + hhmm + ":00Z", StandardCharsets.UTF_8);
  }
}
