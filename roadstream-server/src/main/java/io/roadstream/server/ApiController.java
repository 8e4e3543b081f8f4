package io.roadstream.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.store.live.Freshness;
import io.roadstream.store.live.LiveView;
import java.time.Clock;

/** HTTP in and out for the JSON API; the answers come from the services. */
final class ApiController {

  private final String networkGeoJson;
  private final LiveView live;
  private final RoadNetwork network;
  private final SegmentHistoryService history;
  private final PipelineStatusSource statusSource;
  private final JsonViews json;
  private final Clock clock;

  ApiController(String networkGeoJson, LiveView live, RoadNetwork network, SegmentHistoryService history,
      PipelineStatusSource statusSource, JsonViews json, Clock clock) {
    this.networkGeoJson = networkGeoJson;
    this.live = live;
    this.network = network;
    this.history = history;
    this.statusSource = statusSource;
    this.json = json;
    this.clock = clock;
  }

  /** GET /api/network */
  void network(Context ctx) {
    ctx.contentType("application/geo+json").result(networkGeoJson);
  }

  /** GET /api/live: every segment's latest row, each marked with the view's freshness. */
  void live(Context ctx) {
    Freshness freshness = live.freshness();
    ArrayNode rows = json.array();
    live.segments().forEach(row -> rows.add(json.liveRow(row, freshness)));
    send(ctx, rows);
  }

  /** GET /api/live/picture: segments, jams, incidents and signal plans in one answer, with the freshness. */
  void picture(Context ctx) {
    send(ctx, json.picture(live.picture(), network));
  }

  /** GET /api/segments/{id}/stats?from=&to= */
  void segmentStats(Context ctx) {
    TimeRange range = TimeRange.parse(ctx.queryParam("from"), ctx.queryParam("to"), clock);
    String segmentId = ctx.pathParam("id");
    ObjectNode body = json.object();
    body.put("segmentId", segmentId);
    body.put("from", range.from().toString());
    body.put("to", range.to().toString());
    ArrayNode stats = body.putArray("stats");
    history.history(segmentId, range).forEach(s -> stats.add(json.stats(s)));
    send(ctx, body);
  }

  /** GET /api/status */
  void status(Context ctx) {
    PipelineStatus status;
    try {
      status = statusSource.status();
    } catch (RuntimeException e) {
      throw ApiException.unavailable("pipeline status is not available: " + e.getMessage());
    }
    ObjectNode body = json.status(status);
    body.set("live", json.live(live.freshness()));
    send(ctx, body);
  }

  private void send(Context ctx, Object body) {
    ctx.contentType(ContentType.APPLICATION_JSON).result(json.write(body));
  }
}
