package io.roadstream.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.roadstream.core.event.Alert;
import io.roadstream.store.AlertRepository;
import java.sql.SQLException;
import java.time.Instant;

/** GET /api/alerts: the driver alerts in force, newest cause first (at most 200). */
final class AlertsController {

  private static final int LIMIT = 200;

  private final AlertRepository alerts;
  private final JsonViews json;

  AlertsController(AlertRepository alerts, JsonViews json) {
    this.alerts = alerts;
    this.json = json;
  }

  void inForce(Context ctx) {
    ArrayNode body = json.array();
    try {
      for (Alert a : alerts.inForce(LIMIT)) {
        ObjectNode n = body.addObject();
        n.put("alertId", a.alertId());
        n.put("time", Instant.ofEpochMilli(a.time()).toString());
        n.put("segmentId", a.segmentId());
        n.put("distanceM", a.distanceM());
        n.put("cause", a.cause());
        n.put("causeId", a.causeId());
        n.put("causeSegmentId", a.causeSegmentId());
        n.put("message", a.message());
      }
    } catch (SQLException e) {
      throw ApiException.unavailable("alerts are not available: the database does not answer (" + e.getMessage() + ")");
    }
    ctx.contentType(ContentType.APPLICATION_JSON).result(json.write(body));
  }
}
