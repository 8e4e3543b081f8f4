package io.roadstream.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.store.IncidentRepository;
import java.sql.SQLException;
import java.time.Instant;

/**
 * GET /api/incidents: incidents not yet cleared, newest first, each with its lifecycle state (DETECTED, CONFIRMED,
 * CLEARED). With {@code ?clearedSince=<ISO-8601 instant>} also those cleared at or after that event time, so a map can
 * keep a cleared incident in sight for a while. An incident located only by its linear reference gets coordinates
 * from the network, so a map can always place it.
 */
final class IncidentsController {

  private final IncidentRepository incidents;
  private final RoadNetwork network;
  private final JsonViews json;

  IncidentsController(IncidentRepository incidents, RoadNetwork network, JsonViews json) {
    this.incidents = incidents;
    this.network = network;
    this.json = json;
  }

  void open(Context ctx) {
    String clearedSince = ctx.queryParam("clearedSince");
    Instant since = clearedSince == null ? null : TimeRange.instant("clearedSince", clearedSince);
    ArrayNode body = json.array();
    try {
      for (IncidentRepository.StoredIncident i : since == null ? incidents.open()
          : incidents.openOrClearedSince(since)) {
        ObjectNode n = body.addObject();
        n.put("incidentId", i.incidentId());
        n.put("state", i.state().name());
        n.put("kind", i.kind());
        n.put("source", i.source());
        n.put("detectedAt", i.detectedAt().toString());
        n.put("confirmedAt", i.confirmedAt() == null ? null : i.confirmedAt().toString());
        n.put("clearedAt", i.clearedAt() == null ? null : i.clearedAt().toString());
        n.put("segmentId", i.segmentId());
        n.put("offsetM", i.offsetM());
        json.putPosition(n, i.lat(), i.lon(), i.segmentId(), i.offsetM(), network);
        ArrayNode vehicles = n.putArray("vehicleIds");
        i.vehicleIds().forEach(vehicles::add);
        n.put("evidence", i.evidence());
      }
    } catch (SQLException e) {
      throw ApiException.unavailable("incidents are not available: the database does not answer (" + e.getMessage()
          + ")");
    }
    ctx.contentType(ContentType.APPLICATION_JSON).result(json.write(body));
  }
}
