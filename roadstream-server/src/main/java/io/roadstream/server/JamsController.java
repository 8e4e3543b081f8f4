package io.roadstream.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.roadstream.store.JamRepository;
import java.sql.SQLException;

/** GET /api/jams: the jams that are open now, longest first. */
final class JamsController {

  private final JamRepository jams;
  private final JsonViews json;

  JamsController(JamRepository jams, JsonViews json) {
    this.jams = jams;
    this.json = json;
  }

  void open(Context ctx) {
    ArrayNode body = json.array();
    try {
      for (JamRepository.StoredJam jam : jams.open()) {
        ObjectNode n = body.addObject();
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
      }
    } catch (SQLException e) {
      throw ApiException.unavailable("jams are not available: the database does not answer (" + e.getMessage() + ")");
    }
    ctx.contentType(ContentType.APPLICATION_JSON).result(json.write(body));
  }
}
