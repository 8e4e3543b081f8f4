package io.roadstream.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.store.Database;
import io.roadstream.store.HistoryMaintenance;
import io.roadstream.store.SegmentStatsRepository;
import io.roadstream.store.Stores;
import io.roadstream.testkit.TestPostgres;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A generated day of one-minute windows on the ring motorway in a real PostgreSQL, rolled up and trimmed by
 * {@link HistoryMaintenance}, read back through the real server over HTTP as JSON and CSV. The expected rollups are
 * computed here from the generated vehicles and speeds, by the textbook definitions, not by the code under test.
 */
class SegmentHistoryApiIT {

  /** A Monday. */
  private static final Instant DAY = Instant.parse("2024-05-06T00:00:00Z");
  private static final Instant NOW = Instant.parse("2024-05-07T00:30:00Z");
  /** 40 days before DAY: beyond the 35 days windows are kept, within the quarter hours' 400. */
  private static final Instant OLD_MORNING = Instant.parse("2024-03-27T08:00:00Z");
  private static final String RING = "ring-sb";
  private static final int LANES = 3;
  private static final double LENGTH_M = 2100;
  private static final double FREE_FLOW = 110;
  /** Greenshields: the speed at capacity is half the free-flow speed; below it a motorway is queued, LOS F. */
  private static final double SPEED_AT_CAPACITY = FREE_FLOW / 2;

  /** One generated minute: vehicles counted, their space-mean speed (null when nobody passed). */
  private record Minute(int index, int vehicles, Double speed) {
    Instant start() {
      return DAY.plusSeconds(60L * index);
    }

    double flow() {
      return vehicles * 60.0;
    }

    double density() {
      return speed == null ? 0 : flow() / Math.max(1, speed) / LANES;
    }

    double occupancy() {
      return vehicles / 400.0;
    }
  }

  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final RoadNetwork network = TestTown.network();
  private final List<Minute> day = generateDay();
  private TestPostgres postgres;
  private Database database;
  private RoadstreamServer server;
  private HistoryMaintenance.Report report;

  /**
   * Light traffic at free-flow speed, a morning peak (07:00–09:00) queued below the speed at capacity, an empty hour
   * at night (02:00–03:00), and three minutes missing (13:07–13:09, a detector outage).
   */
  private static List<Minute> generateDay() {
    List<Minute> minutes = new ArrayList<>();
    for (int m = 0; m < 1440; m++) {
      if (m >= 787 && m < 790) {
        continue;
      }
      if (m >= 120 && m < 180) {
        minutes.add(new Minute(m, 0, null));
      } else if (m >= 420 && m < 540) {
        minutes.add(new Minute(m, 60 + m % 7, 35.0 + m % 11));
      } else {
        minutes.add(new Minute(m, 15 + m % 13, 95 + (m % 17) * 0.5));
      }
    }
    return minutes;
  }

  private static SegmentStats window(Minute m) {
    long start = m.start().toEpochMilli();
    return new SegmentStats(RING, start, start + 60_000, m.speed(), m.flow(), m.density(), m.occupancy(),
        m.speed() == null ? null : LENGTH_M / (m.speed() / 3.6), null, 2, m.index() % 3);
  }

  private static SegmentStats constant(Instant start, int vehicles, double speed) {
    double flow = vehicles * 60.0;
    return new SegmentStats(RING, start.toEpochMilli(), start.toEpochMilli() + 60_000, speed, flow,
        flow / speed / LANES, 0.05, LENGTH_M / (speed / 3.6), null, 2, 0);
  }

  @BeforeEach
  void writeHistory(TestInfo test) throws Exception {
    postgres = TestPostgres.freshSchema(test.getTestMethod().orElseThrow().getName());
    database = Database.open(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD, postgres.schema());
    SegmentStatsRepository windows = new SegmentStatsRepository(database.dataSource());
    windows.upsert(day.stream().map(SegmentHistoryApiIT::window).toList());
    List<SegmentStats> others = new ArrayList<>();
    for (int m = 0; m < 60; m++) {
      others.add(constant(OLD_MORNING.plusSeconds(60L * m), 30, 80));
    }
    // the same Monday quarter hour 08:00 two and one weeks before DAY, at 50 and 70 km/h
    for (int m = 0; m < 15; m++) {
      others.add(constant(DAY.minus(Duration.ofDays(14)).plusSeconds(8 * 3600 + 60L * m), 60, 50));
      others.add(constant(DAY.minus(Duration.ofDays(7)).plusSeconds(8 * 3600 + 60L * m), 60, 70));
    }
    windows.upsert(others);
    report = maintenance(Clock.fixed(NOW, ZoneOffset.UTC)).runOnce();
    server = new RoadstreamServer(network, Stores.on(database.dataSource()), () -> null, 0).start();
  }

  private HistoryMaintenance maintenance(Clock clock) {
    return new HistoryMaintenance(database.dataSource(), network, new RoadstreamConfig.History(1, "UTC",
        new RoadstreamConfig.History.Retention(35, 400, 0), new RoadstreamConfig.History.Typical(8)), clock);
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    database.close();
    postgres.close();
  }

  // ---- the expected values, from the generated minutes

  private record Expected(Instant start, int windows, double vehicles, double flow, Double speed, double density,
      double occupancy, Double travelTime, String los) {}

  private Expected expected(Instant start, Duration period) {
    List<Minute> in = day.stream().filter(m -> !m.start().isBefore(start) && m.start().isBefore(start.plus(period)))
        .toList();
    double vehicles = in.stream().mapToDouble(Minute::vehicles).sum();
    double seconds = in.size() * 60.0;
    // space-mean speed: vehicles over the time they spent per km, Σn / Σ(n/v)
    double vehicleHoursPerKm = in.stream().filter(m -> m.vehicles() > 0).mapToDouble(m -> m.vehicles() / m.speed())
        .sum();
    Double speed = vehicleHoursPerKm > 0 ? vehicles / vehicleHoursPerKm : null;
    double density = in.stream().mapToDouble(Minute::density).sum() / in.size();
    double occupancy = in.stream().mapToDouble(Minute::occupancy).sum() / in.size();
    Double travelTime = speed != null ? LENGTH_M / (speed / 3.6) : LENGTH_M / (FREE_FLOW / 3.6);
    return new Expected(start, in.size(), vehicles, vehicles * 3600 / seconds, speed, density, occupancy, travelTime,
        hcmFreewayLos(density, speed));
  }

  /** HCM basic freeway segments: pc/mi/ln A ≤ 11, B ≤ 18, C ≤ 26, D ≤ 35, E ≤ 45; F when queued. */
  private static String hcmFreewayLos(double densityPerKm, Double speed) {
    if (speed != null && speed < SPEED_AT_CAPACITY) {
      return "F";
    }
    double perMile = densityPerKm * 1.609344;
    return perMile <= 11 ? "A" : perMile <= 18 ? "B" : perMile <= 26 ? "C" : perMile <= 35 ? "D"
        : perMile <= 45 ? "E" : "F";
  }

  private static void assertRow(JsonNode row, Expected e, Duration period) {
    String at = "row at " + e.start();
    assertThat(row.path("start").asText()).as(at).isEqualTo(e.start().toString());
    assertThat(row.path("end").asText()).as(at).isEqualTo(e.start().plus(period).toString());
    assertThat(row.path("windows").asInt()).as(at).isEqualTo(e.windows());
    assertThat(row.path("vehicles").asDouble()).as(at).isCloseTo(e.vehicles(), within(1e-6));
    assertThat(row.path("flowVehPerHour").asDouble()).as(at).isCloseTo(e.flow(), within(1e-6));
    if (e.speed() == null) {
      assertThat(row.path("avgSpeedKmh").isNull()).as(at).isTrue();
    } else {
      assertThat(row.path("avgSpeedKmh").asDouble()).as(at).isCloseTo(e.speed(), within(1e-9));
    }
    assertThat(row.path("densityVehPerKmPerLane").asDouble()).as(at).isCloseTo(e.density(), within(1e-9));
    assertThat(row.path("occupancy").asDouble()).as(at).isCloseTo(e.occupancy(), within(1e-12));
    assertThat(row.path("travelTimeS").asDouble()).as(at).isCloseTo(e.travelTime(), within(1e-6));
    assertThat(row.path("los").asText()).as(at).isEqualTo(e.los());
  }

  // ---- the tests

  @Test
  void quarterHoursOfTheDayAddUpFromItsMinutes() throws Exception {
    JsonNode body = getJson("/api/segments/ring-sb/history?from=" + q(DAY) + "&to=" + q(DAY.plus(Duration.ofDays(1))),
        200);

    // a day is answered at 15 minutes unless asked otherwise
    assertThat(body.path("resolution").asText()).isEqualTo("15m");
    assertThat(body.path("segmentId").asText()).isEqualTo(RING);
    JsonNode rows = body.path("rows");
    assertThat(rows).hasSize(96);
    for (int i = 0; i < 96; i++) {
      assertRow(rows.get(i), expected(DAY.plusSeconds(900L * i), Duration.ofMinutes(15)), Duration.ofMinutes(15));
    }
    // the night's empty quarter hours: nobody passed, no speed, free-flow travel time, LOS A
    JsonNode night = rows.get(9);
    assertThat(night.path("avgSpeedKmh").isNull()).isTrue();
    assertThat(night.path("flowVehPerHour").asDouble()).isZero();
    assertThat(night.path("los").asText()).isEqualTo("A");
    // the morning peak is queued
    assertThat(rows.get(32).path("los").asText()).isEqualTo("F");
    // the detector outage: 12 of 15 minutes
    assertThat(rows.get(52).path("windows").asInt()).isEqualTo(12);
  }

  @Test
  void hoursAddUpFromTheMinutesToo() throws Exception {
    JsonNode rows = getJson("/api/segments/ring-sb/history?resolution=1h&from=" + q(DAY) + "&to="
        + q(DAY.plus(Duration.ofDays(1))), 200).path("rows");

    assertThat(rows).hasSize(24);
    for (int h = 0; h < 24; h++) {
      assertRow(rows.get(h), expected(DAY.plusSeconds(3600L * h), Duration.ofHours(1)), Duration.ofHours(1));
    }
    assertThat(report.quarterHours()).isEqualTo(96 + 4 + 2);
    assertThat(report.hours()).isEqualTo(24 + 1 + 2);
  }

  @Test
  void aShortRangeIsAnsweredMinuteByMinute() throws Exception {
    JsonNode body = getJson("/api/segments/ring-sb/history?from=" + q(DAY.plusSeconds(8 * 3600)) + "&to="
        + q(DAY.plusSeconds(10 * 3600)), 200);

    assertThat(body.path("resolution").asText()).isEqualTo("1m");
    JsonNode rows = body.path("rows");
    assertThat(rows).hasSize(120);
    Minute first = day.stream().filter(m -> m.index() == 480).findFirst().orElseThrow();
    assertThat(rows.get(0).path("start").asText()).isEqualTo("2024-05-06T08:00:00Z");
    assertThat(rows.get(0).path("avgSpeedKmh").asDouble()).isEqualTo(first.speed());
    assertThat(rows.get(0).path("vehicles").asDouble()).isCloseTo(first.vehicles(), within(1e-9));
    assertThat(rows.get(0).path("windows").asInt()).isEqualTo(1);
    // the dashboard's chart route is as it was
    JsonNode stats = getJson("/api/segments/ring-sb/stats?from=" + q(DAY.plusSeconds(8 * 3600)) + "&to="
        + q(DAY.plusSeconds(9 * 3600)), 200);
    assertThat(stats.path("stats")).hasSize(60);
    assertThat(stats.path("stats").get(0).path("windowStart").asText()).isEqualTo("2024-05-06T08:00:00Z");
  }

  @Test
  void exportsCsvWithUnitsInTheHeaderAndIsoTimes() throws Exception {
    String path = "/api/segments/ring-sb/history?resolution=1h&from=" + q(DAY) + "&to="
        + q(DAY.plus(Duration.ofDays(1)));
    HttpResponse<String> byParam = get(path + "&format=csv", "application/json");
    HttpResponse<String> byAccept = get(path, "text/csv");

    for (HttpResponse<String> response : List.of(byParam, byAccept)) {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("text/csv"));
      assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
          d -> assertThat(d).startsWith("attachment; filename=\"ring-sb_1h_2024-05-06T00-00-00Z"));
    }
    assertThat(byAccept.body()).isEqualTo(byParam.body());
    String[] lines = byParam.body().split("\r\n");
    assertThat(lines).hasSize(25);
    assertThat(lines[0]).isEqualTo("segment_id,resolution,start_utc,end_utc,avg_speed_kmh,flow_veh_per_h,"
        + "density_veh_per_km_per_lane,occupancy_ratio,travel_time_s,los,detector_samples,probe_samples,windows,"
        + "vehicles");
    for (int h = 0; h < 24; h++) {
      String[] f = lines[h + 1].split(",", -1);
      Expected e = expected(DAY.plusSeconds(3600L * h), Duration.ofHours(1));
      assertThat(f).hasSize(14);
      assertThat(f[0]).isEqualTo(RING);
      assertThat(f[1]).isEqualTo("1h");
      assertThat(Instant.parse(f[2])).isEqualTo(e.start());
      assertThat(Instant.parse(f[3])).isEqualTo(e.start().plusSeconds(3600));
      if (e.speed() == null) {
        assertThat(f[4]).isEmpty();
      } else {
        assertThat(Double.parseDouble(f[4])).isCloseTo(e.speed(), within(1e-9));
      }
      assertThat(Double.parseDouble(f[5])).isCloseTo(e.flow(), within(1e-6));
      assertThat(Double.parseDouble(f[6])).isCloseTo(e.density(), within(1e-9));
      assertThat(Double.parseDouble(f[7])).isCloseTo(e.occupancy(), within(1e-12));
      assertThat(f[9]).isEqualTo(e.los());
      assertThat(Integer.parseInt(f[12])).isEqualTo(e.windows());
      assertThat(Double.parseDouble(f[13])).isCloseTo(e.vehicles(), within(1e-6));
      assertThat(f[4] + f[5] + f[6] + f[7]).doesNotContain("E");
    }
  }

  @Test
  void retentionDeletedTheOldMinutesButKeptTheirRollups() throws Exception {
    assertThat(report.deletedWindows()).isEqualTo(60);
    assertThat(report.deletedQuarterHours()).isZero();
    assertThat(report.deletedHours()).isZero();
    String range = "&from=" + q(OLD_MORNING) + "&to=" + q(OLD_MORNING.plusSeconds(3600));

    assertThat(getJson("/api/segments/ring-sb/history?resolution=1m" + range, 200).path("rows")).isEmpty();
    JsonNode quarters = getJson("/api/segments/ring-sb/history?resolution=15m" + range, 200).path("rows");
    assertThat(quarters).hasSize(4);
    for (JsonNode quarter : quarters) {
      assertThat(quarter.path("flowVehPerHour").asDouble()).isCloseTo(1800, within(1e-9));
      assertThat(quarter.path("avgSpeedKmh").asDouble()).isCloseTo(80, within(1e-9));
      assertThat(quarter.path("windows").asInt()).isEqualTo(15);
    }
    assertThat(getJson("/api/segments/ring-sb/history?resolution=1h" + range, 200).path("rows")).hasSize(1);
  }

  @Test
  void typicalSpeedIsTheMedianOfTheSlotsWeeks() throws Exception {
    Expected eight = expected(DAY.plusSeconds(8 * 3600), Duration.ofMinutes(15));
    List<Double> weeks = new ArrayList<>(List.of(50.0, 70.0, eight.speed()));
    weeks.sort(Double::compare);

    JsonNode body = getJson("/api/segments/ring-sb/typical?at=" + q(Instant.parse("2024-05-13T08:05:00Z")), 200);

    assertThat(body.path("timeZone").asText()).isEqualTo("UTC");
    assertThat(body.path("slotMinutes").asInt()).isEqualTo(15);
    JsonNode slot = body.path("slots").get(0);
    assertThat(body.path("slots")).hasSize(1);
    assertThat(slot.path("slot").asInt()).isEqualTo(32);
    assertThat(slot.path("day").asText()).isEqualTo("MONDAY");
    assertThat(slot.path("start").asText()).isEqualTo("08:00");
    assertThat(slot.path("weeks").asInt()).isEqualTo(3);
    assertThat(slot.path("medianSpeedKmh").asDouble()).isCloseTo(weeks.get(1), within(1e-9));
    assertThat(slot.path("p15SpeedKmh").asDouble()).isCloseTo(weeks.get(0) + 0.3 * (weeks.get(1) - weeks.get(0)),
        within(1e-9));

    // every quarter hour of the day that had a speed (not the empty night hour), and the old Wednesday morning's four
    JsonNode all = getJson("/api/segments/ring-sb/typical", 200).path("slots");
    assertThat(all).hasSize(92 + 4);
    assertThat(all.findValues("slot")).extracting(JsonNode::asInt).as("Monday 02:00–03:00, when nobody passed")
        .doesNotContain(8, 9, 10, 11);
    assertThat(getJson("/api/segments/main-eb-2/typical", 200).path("slots")).isEmpty();
  }

  @Test
  void aRevisedMinuteReachesItsRollupsThroughThePeriodicJob() throws Exception {
    try (HistoryMaintenance periodic = maintenance(Clock.fixed(NOW, ZoneOffset.UTC))) {
      Thread thread = new Thread(periodic, "history-maintenance-test");
      thread.setDaemon(true);
      thread.start();
      // a late event revises 08:03: 120 vehicles at 10 km/h
      new SegmentStatsRepository(database.dataSource()).upsert(List.of(constant(DAY.plusSeconds(8 * 3600 + 180), 120,
          10)));
      List<Minute> revised = new ArrayList<>(day);
      revised.replaceAll(m -> m.index() == 483 ? new Minute(483, 120, 10.0) : m);
      double vehicles = revised.stream().filter(m -> m.index() >= 480 && m.index() < 495)
          .mapToDouble(Minute::vehicles).sum();
      double hours = revised.stream().filter(m -> m.index() >= 480 && m.index() < 495)
          .mapToDouble(m -> m.vehicles() / m.speed()).sum();

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        JsonNode row = getJson("/api/segments/ring-sb/history?resolution=15m&from="
            + q(DAY.plusSeconds(8 * 3600)) + "&to=" + q(DAY.plusSeconds(8 * 3600 + 900)), 200).path("rows").get(0);
        assertThat(row.path("avgSpeedKmh").asDouble()).isCloseTo(vehicles / hours, within(1e-9));
        assertThat(row.path("vehicles").asDouble()).isCloseTo(vehicles, within(1e-9));
      });
      assertThat(periodic.healthy()).isTrue();
      periodic.close();
      thread.join(10_000);
      assertThat(thread.isAlive()).as("the job stops when closed").isFalse();
    }
  }

  @Test
  void refusesWhatItCannotAnswerWithTheReason() throws Exception {
    String week = "&from=" + q(DAY) + "&to=" + q(DAY.plus(Duration.ofDays(8)));
    assertThat(getJson("/api/segments/ring-sb/history?resolution=5m", 400).path("error").asText())
        .contains("'resolution' must be 1m, 15m or 1h", "5m");
    assertThat(getJson("/api/segments/ring-sb/history?resolution=1m" + week, 400).path("error").asText())
        .contains("span 8 days", "resolution 1m answers at most 7 days", "coarser resolution");
    assertThat(getJson("/api/segments/ring-sb/history?resolution=1h&from=2020-01-01T00:00:00Z&to="
        + q(DAY), 400).path("error").asText()).contains("resolution 1h answers at most 731 days");
    assertThat(getJson("/api/segments/ring-sb/history?from=" + q(DAY) + "&to=" + q(DAY), 400).path("error")
        .asText()).contains("'from'", "must be before 'to'");
    assertThat(getJson("/api/segments/ring-sb/history?from=yesterday", 400).path("error").asText())
        .contains("'from' must be an ISO-8601 instant");
    assertThat(getJson("/api/segments/ring-sb/history?format=xml", 400).path("error").asText())
        .contains("'format' must be json or csv");
    assertThat(getJson("/api/segments/nowhere/history", 404).path("error").asText()).contains("no segment 'nowhere'");
    assertThat(getJson("/api/segments/nowhere/typical", 404).path("status").asInt()).isEqualTo(404);
    assertThat(getJson("/api/segments/ring-sb/typical?at=monday", 400).path("error").asText()).contains("'at'");
    // a week is answered at 15 minutes, a month at hours
    assertThat(getJson("/api/segments/ring-sb/history?from=" + q(DAY) + "&to=" + q(DAY.plus(Duration.ofDays(7))), 200)
        .path("resolution").asText()).isEqualTo("15m");
    assertThat(getJson("/api/segments/ring-sb/history?from=" + q(DAY) + "&to=" + q(DAY.plus(Duration.ofDays(30))),
        200).path("resolution").asText()).isEqualTo("1h");
  }

  // ---- HTTP

  private HttpResponse<String> get(String path, String accept) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Accept", accept).timeout(Duration.ofSeconds(10)).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode getJson(String path, int expectedStatus) throws Exception {
    HttpResponse<String> response = get(path, "application/json");
    assertThat(response.statusCode()).as("status of GET %s (body %s)", path, response.body())
        .isEqualTo(expectedStatus);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    return mapper.readTree(response.body());
  }

  private static String q(Instant value) {
    return URLEncoder.encode(value.toString(), StandardCharsets.UTF_8);
  }
}
