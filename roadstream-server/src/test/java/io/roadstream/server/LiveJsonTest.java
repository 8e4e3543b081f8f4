package io.roadstream.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.congestion.CongestionEventType;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.IncidentType;
import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.store.StoredStats;
import io.roadstream.store.live.Freshness;
import io.roadstream.store.live.LivePicture;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON of the live view: what the dashboard already reads stays, and freshness has one shape everywhere. */
class LiveJsonTest {

  private static final Instant EIGHT = Instant.parse("2026-05-01T08:00:00Z");
  private static final Instant OUTAGE = Instant.parse("2026-05-01T08:03:17Z");

  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonViews json = new JsonViews(mapper);
  private final StoredStats row = new StoredStats(new SegmentStats("main-eb-1", EIGHT.toEpochMilli(),
      EIGHT.plusSeconds(60).toEpochMilli(), 48.5, 1500.0, 15.5, 0.12, 44.5, LevelOfService.C, 3, 7), 12,
      EIGHT.plusSeconds(65));

  @Test
  void aFreshLiveRowKeepsEveryFieldOfTheStoredRowAndSaysItIsNotStale() throws Exception {
    JsonNode node = mapper.readTree(json.write(json.liveRow(row, Freshness.fresh("redis"))));
    JsonNode stored = mapper.readTree(json.write(json.stored(row)));
    stored.fieldNames().forEachRemaining(f -> assertThat(node.get(f)).as(f).isEqualTo(stored.get(f)));
    assertThat(node.get("stale").asBoolean()).isFalse();
    assertThat(node.get("staleSince").isNull()).isTrue();
    assertThat(node.get("staleReason").isNull()).isTrue();
  }

  @Test
  void aStaleRowSaysSinceWhenAndWhy() throws Exception {
    JsonNode node = mapper.readTree(json.write(json.liveRow(row,
        Freshness.stale("redis", OUTAGE, "Redis unavailable: connection refused"))));
    assertThat(node.get("stale").asBoolean()).isTrue();
    assertThat(node.get("staleSince").asText()).isEqualTo("2026-05-01T08:03:17Z");
    assertThat(node.get("staleReason").asText()).isEqualTo("Redis unavailable: connection refused");
    assertThat(node.get("segmentId").asText()).isEqualTo("main-eb-1");
  }

  @Test
  void thePictureCarriesTheSameFreshnessFieldsAndEveryList() throws Exception {
    CongestionEvent jam = new CongestionEvent("jam-1", CongestionEventType.OPENED, EIGHT.plusSeconds(120).toEpochMilli(),
        EIGHT.plusSeconds(120).toEpochMilli(), "main-eb-1", "main-eb-1", new String[] {"main-eb-1"}, 0.8, 11.0,
        new SegmentStats[0]);
    Incident incident = new Incident("inc-1", IncidentType.CONFIRMED, "accident", "probes",
        EIGHT.plusSeconds(90).toEpochMilli(), "main-eb-1", 100.0, 51.5, -0.12, new String[] {"v1"}, "one stopped");
    LivePicture picture = new LivePicture(List.of(row), List.of(jam), List.of(incident), List.of(),
        Freshness.stale("redis", OUTAGE, "Redis unavailable"));

    JsonNode node = mapper.readTree(json.write(json.picture(picture, TestTown.network())));

    assertThat(node.get("source").asText()).isEqualTo("redis");
    assertThat(node.get("stale").asBoolean()).isTrue();
    assertThat(node.get("staleSince").asText()).isEqualTo(OUTAGE.toString());
    assertThat(node.get("staleReason").asText()).isEqualTo("Redis unavailable");
    assertThat(node.get("segments")).hasSize(1);
    assertThat(node.get("segments").get(0).get("revision").asLong()).isEqualTo(12);
    JsonNode j = node.get("jams").get(0);
    assertThat(j.get("jamId").asText()).isEqualTo("jam-1");
    assertThat(j.get("state").asText()).isEqualTo("OPENED");
    assertThat(j.get("segmentIds").get(0).asText()).isEqualTo("main-eb-1");
    assertThat(j.get("asOf").asText()).isEqualTo("2026-05-01T08:02:00Z");
    JsonNode i = node.get("incidents").get(0);
    assertThat(i.get("state").asText()).isEqualTo("CONFIRMED");
    assertThat(i.get("lat").asDouble()).isEqualTo(51.5);
    assertThat(node.get("signalPlans").isArray()).isTrue();
  }

  @Test
  void theStatusSaysWhereTheLiveViewComesFromAndHowFreshItIs() throws Exception {
    JsonNode node = mapper.readTree(json.write(json.live(Freshness.fresh("postgresql"))));
    assertThat(node.get("source").asText()).isEqualTo("postgresql");
    assertThat(node.get("stale").asBoolean()).isFalse();
    assertThat(node.has("staleSince")).isTrue();
    assertThat(node.has("staleReason")).isTrue();
  }
}
