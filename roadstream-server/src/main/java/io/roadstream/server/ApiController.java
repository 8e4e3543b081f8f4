package io.roadstream.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.time.Clock;

/** HTTP in and out for the JSON API; the answers come from the services. */
final class ApiController {

  private final String networkGeoJson;
  private final LiveStatsFeed feed;
  private final SegmentHistoryService history;
  private final PipelineStatusSource statusSource;
  private final JsonViews json;
  private final Clock clock;

  ApiController(String networkGeoJson, LiveStatsFeed feed, SegmentHistoryService history,
      PipelineStatusSource statusSource, JsonViews json, Clock clock) {
    this.networkGeoJson = networkGeoJson;
    this.feed = feed;
    this.history = history;
    this.statusSource = statusSource;
    this.json = json;
    this.clock = clock;
  }

  /** GET /api/network */
  void network(Context ctx) {
    ctx.contentType("application/geo+json").result(networkGeoJson);
  }

  /** GET /api/live */
  void live(Context ctx) {
    ArrayNode rows = json.array();
    feed.latest().forEach(row -> rows.add(json.stored(row)));
    send(ctx, rows);
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
    send(ctx, json.status(status));
  }

  private void send(Context ctx, Object body) {
    ctx.contentType(ContentType.APPLICATION_JSON).result(json.write(body));
  }
}
