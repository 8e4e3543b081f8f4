package io.roadstream.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.roadstream.core.network.BoundingBox;
import io.roadstream.core.network.LonLat;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.store.IncidentRepository;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * GET /api/incidents: incidents not yet cleared, newest first, each with its lifecycle state (DETECTED, CONFIRMED,
 * CLEARED). With {@code ?clearedSince=<ISO-8601 instant>} also those cleared at or after that event time, so a map can
 * keep a cleared incident in sight for a while. An incident located only by its linear reference gets coordinates
 * from the network, so a map can always place it. With {@code from}/{@code to} (ISO-8601; {@code to} defaults to
 * now, {@code from} to an hour before it, at most 31 days) instead the incidents that were active at some moment of
 * [from, to), newest first; with {@code bbox=minLon,minLat,maxLon,maxLat} only those placed in the box.
 */
final class IncidentsController {

  private final IncidentRepository incidents;
  private final RoadNetwork network;
  private final JsonViews json;
  private final Clock clock;

  IncidentsController(IncidentRepository incidents, RoadNetwork network, JsonViews json) {
    this(incidents, network, json, Clock.systemUTC());
  }

  IncidentsController(IncidentRepository incidents, RoadNetwork network, JsonViews json, Clock clock) {
    this.incidents = incidents;
    this.network = network;
    this.json = json;
    this.clock = clock;
  }

  void open(Context ctx) {
    String clearedSince = ctx.queryParam("clearedSince");
    Instant since = clearedSince == null ? null : TimeRange.instant("clearedSince", clearedSince);
    String from = ctx.queryParam("from");
    String to = ctx.queryParam("to");
    if (since != null && (from != null || to != null)) {
      throw ApiException.badRequest("parameter 'clearedSince' cannot be combined with 'from'/'to': a time range "
          + "already includes the incidents cleared in it");
    }
    TimeRange range = from == null && to == null ? null : TimeRange.parse(from, to, clock);
    BoundingBox area = BboxParam.parse(ctx.queryParam("bbox"));
    ArrayNode body = json.array();
    try {
      List<IncidentRepository.StoredIncident> found = range != null ? incidents.overlapping(range.from(), range.to())
          : since == null ? incidents.open() : incidents.openOrClearedSince(since);
      for (IncidentRepository.StoredIncident i : found) {
        LonLat where = JsonViews.position(i.lat(), i.lon(), i.segmentId(), i.offsetM(), network);
        if (area != null && (where == null || !area.contains(where))) {
          continue;
        }
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
        json.putPosition(n, where);
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
