package io.roadstream.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.util.function.Supplier;

/** GET /api/dashboard: the settings the dashboard page reads once at load (the tile layer). */
final class DashboardController {

  private final Supplier<DashboardSettings> settings;
  private final JsonViews json;

  DashboardController(Supplier<DashboardSettings> settings, JsonViews json) {
    this.settings = settings;
    this.json = json;
  }

  void settings(Context ctx) {
    DashboardSettings s = settings.get();
    ObjectNode body = json.object();
    body.put("tileUrl", s.tileUrl());
    body.put("tileAttribution", s.tileAttribution());
    ctx.contentType(ContentType.APPLICATION_JSON).result(json.write(body));
  }
}
