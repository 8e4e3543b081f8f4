package io.roadstream.server;

import io.javalin.http.ContentType;
import io.javalin.http.Context;

/** GET /health: 200 {"status":"UP"}, or 503 {"status":"DOWN","reason":...}. */
final class HealthController {

  private final HealthService health;
  private final JsonViews json;

  HealthController(HealthService health, JsonViews json) {
    this.health = health;
    this.json = json;
  }

  void health(Context ctx) {
    HealthService.Health result = health.check();
    var body = json.object();
    body.put("status", result.up() ? "UP" : "DOWN");
    if (!result.up()) {
      body.put("reason", result.reason());
    }
    ctx.status(result.up() ? 200 : 503).contentType(ContentType.APPLICATION_JSON).result(json.write(body));
  }
}
