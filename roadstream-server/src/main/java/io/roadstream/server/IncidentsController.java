package io.roadstream.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.roadstream.core.network.LonLat;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.store.IncidentRepository;
import java.sql.SQLException;

/**
 * GET /api/incidents: incidents not yet cleared, newest first. An incident located only by its linear reference
 * gets coordinates from the network, so a map can always place it.
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
    ArrayNode body = json.array();
    try {
      for (IncidentRepository.StoredIncident i : incidents.open()) {
        ObjectNode n = body.addObject();
        n.put("incidentId", i.incidentId());
        n.put("kind", i.kind());
        n.put("source", i.source());
        n.put("detectedAt", i.detectedAt().toString());
        n.put("confirmedAt", i.confirmedAt() == null ? null : i.confirmedAt().toString());
        n.put("segmentId", i.segmentId());
        n.put("offsetM", i.offsetM());
        LonLat where = i.lat() != null && i.lon() != null ? new LonLat(i.lon(), i.lat())
            : network.segment(i.segmentId()).map(s -> s.pointAt(i.offsetM())).orElse(null);
        if (where != null) {
          n.put("lat", where.lat());
          n.put("lon", where.lon());
        }
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
