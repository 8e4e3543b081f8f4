package io.roadstream.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.roadstream.core.network.BoundingBox;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.Segment;
import io.roadstream.store.JamRepository;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * GET /api/jams: the jams that are open now, longest first. With {@code from}/{@code to} (ISO-8601; as the other
 * history routes: {@code to} defaults to now, {@code from} to an hour before it, at most 31 days) instead the jams that
 * were open at some moment of [from, to), newest first, each with {@code clearedAt}; with
 * {@code bbox=minLon,minLat,maxLon,maxLat} only those on a segment that runs through the box (for a range: any segment
 * the jam covered while it lasted).
 */
final class JamsController {

  private final JamRepository jams;
  private final RoadNetwork network;
  private final JsonViews json;
  private final Clock clock;

  JamsController(JamRepository jams, RoadNetwork network, JsonViews json, Clock clock) {
    this.jams = jams;
    this.network = network;
    this.json = json;
    this.clock = clock;
  }

  void open(Context ctx) {
    String from = ctx.queryParam("from");
    String to = ctx.queryParam("to");
    BoundingBox area = BboxParam.parse(ctx.queryParam("bbox"));
    ArrayNode body = json.array();
    try {
      if (from == null && to == null) {
        for (JamRepository.StoredJam jam : jams.open()) {
          if (area == null || inArea(jam.segmentIds(), area)) {
            write(body.addObject(), jam);
          }
        }
      } else {
        TimeRange range = TimeRange.parse(from, to, clock);
        for (JamRepository.JamSpan span : jams.overlapping(range.from(), range.to())) {
          if (area == null || inArea(span.segmentsCovered(), area)) {
            ObjectNode n = write(body.addObject(), span.jam());
            n.put("clearedAt", span.jam().clearedAt() == null ? null : span.jam().clearedAt().toString());
          }
        }
      }
    } catch (SQLException e) {
      throw ApiException.unavailable("jams are not available: the database does not answer (" + e.getMessage() + ")");
    }
    ctx.contentType(ContentType.APPLICATION_JSON).result(json.write(body));
  }

  private boolean inArea(List<String> segmentIds, BoundingBox area) {
    return segmentIds.stream().map(network::segment).flatMap(java.util.Optional::stream).map(Segment::geometry)
        .anyMatch(area::intersects);
  }

  private static ObjectNode write(ObjectNode n, JamRepository.StoredJam jam) {
    n.put("jamId", jam.jamId());
    n.put("openedAt", jam.openedAt().toString());
    n.put("headSegmentId", jam.headSegmentId());
    n.put("tailSegmentId", jam.tailSegmentId());
    ArrayNode segments = n.putArray("segmentIds");
    jam.segmentIds().forEach(segments::add);
    n.put("lengthKm", jam.lengthKm());
    if (jam.minSpeedKmh() == null) {
      n.putNull("minSpeedKmh");
    } else {
      n.put("minSpeedKmh", jam.minSpeedKmh());
    }
    n.put("asOf", jam.asOf().toString());
    return n;
  }
}
