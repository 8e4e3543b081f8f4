package io.roadstream.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.roadstream.core.event.SignalPlan;
import io.roadstream.core.network.Intersection;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.store.SignalPlanRepository;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * GET /api/signal-plans: the recommended plan in force at every intersection that has one, by intersection id.
 * GET /api/intersections/{id}/signal-plans?from=&to=: one intersection's plans computed in [from, to), oldest first.
 */
final class SignalPlansController {

  private final SignalPlanRepository plans;
  private final RoadNetwork network;
  private final JsonViews json;
  private final Clock clock;

  SignalPlansController(SignalPlanRepository plans, RoadNetwork network, JsonViews json, Clock clock) {
    this.plans = plans;
    this.network = network;
    this.json = json;
    this.clock = clock;
  }

  void current(Context ctx) {
    ArrayNode body = json.array();
    read(plans::current).forEach(plan -> body.add(json.signalPlan(plan, network)));
    send(ctx, body);
  }

  void history(Context ctx) {
    TimeRange range = TimeRange.parse(ctx.queryParam("from"), ctx.queryParam("to"), clock);
    String id = ctx.pathParam("id");
    Intersection intersection = network.intersection(id).orElseThrow(() ->
        ApiException.notFound("no intersection '" + id + "' in network '" + network.name() + "'"));
    ObjectNode body = json.object();
    body.put("intersectionId", intersection.id());
    body.put("name", intersection.name());
    body.put("from", range.from().toString());
    body.put("to", range.to().toString());
    ArrayNode history = body.putArray("plans");
    read(() -> plans.between(id, range.from(), range.to()))
        .forEach(plan -> history.add(json.signalPlan(plan, network)));
    send(ctx, body);
  }

  private interface Query {
    List<SignalPlan> run() throws SQLException;
  }

  private static List<SignalPlan> read(Query query) {
    try {
      return query.run();
    } catch (SQLException e) {
      throw ApiException.unavailable("signal plans are not available: the database does not answer ("
          + e.getMessage() + ")");
    }
  }

  private void send(Context ctx, Object body) {
    ctx.contentType(ContentType.APPLICATION_JSON).result(json.write(body));
  }
}
