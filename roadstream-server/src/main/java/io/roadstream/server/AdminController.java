package io.roadstream.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.roadstream.store.WebhookDeliveryRepository;
import io.roadstream.store.WebhookDeliveryRepository.WebhookDelivery;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The admin API ({@link AccessControl} lets only the admin token in): the webhook delivery log, and sending failed
 * deliveries again once their receiver works, e.g. after the emergency service's endpoint was down for an hour.
 */
final class AdminController {

  /** Admin requests carry a few ids, never bulk data. */
  static final int MAX_BODY_BYTES = 64 * 1024;
  private static final Set<String> STATUSES = Set.of(WebhookDeliveryRepository.PENDING,
      WebhookDeliveryRepository.DELIVERED, WebhookDeliveryRepository.FAILED);
  private static final int MAX_LIMIT = 1_000;
  private static final int MAX_IDS = 1_000;

  private final WebhookDeliveryRepository deliveries;
  private final ObjectMapper mapper;
  private final JsonViews json;
  private final BoundedBody bodies = new BoundedBody(MAX_BODY_BYTES, "admin requests carry incident ids, not data");

  AdminController(WebhookDeliveryRepository deliveries, ObjectMapper mapper, JsonViews json) {
    this.deliveries = deliveries;
    this.mapper = mapper;
    this.json = json;
  }

  /** GET /api/admin/deliveries?status=failed&webhook=ems&limit=100 */
  void deliveries(Context ctx) throws SQLException {
    String status = ctx.queryParamAsClass("status", String.class).getOrDefault(WebhookDeliveryRepository.FAILED);
    if (!STATUSES.contains(status)) {
      throw ApiException.badRequest("status must be pending, delivered or failed, not '" + status + "'");
    }
    int limit = intParam(ctx, "limit", 100);
    ArrayNode rows = json.array();
    for (WebhookDelivery d : deliveries.withStatus(status, ctx.queryParam("webhook"), limit)) {
      ObjectNode row = rows.addObject();
      row.put("incidentId", d.incidentId());
      row.put("webhook", d.webhook());
      row.put("status", d.status());
      row.put("attempts", d.attempts());
      if (d.lastHttpStatus() == null) {
        row.putNull("lastHttpStatus");
      } else {
        row.put("lastHttpStatus", d.lastHttpStatus());
      }
      row.put("lastError", d.lastError());
      row.put("createdAt", iso(d.createdAt()));
      row.put("updatedAt", iso(d.updatedAt()));
      row.put("deliveredAt", iso(d.deliveredAt()));
    }
    send(ctx, 200, rows);
  }

  /**
   * POST /api/admin/webhooks/{name}/retry with an empty body (every failed delivery to that webhook) or {@code
   * {"incidentIds": ["acc-1", …]}}; answers {@code {"requeued": n}}. The dispatcher picks them up at its next poll.
   */
  void retry(Context ctx) throws IOException, SQLException {
    byte[] body = bodies.read(ctx.req().getContentLengthLong(), ctx.req().getInputStream());
    List<String> ids = incidentIds(body);
    int requeued = deliveries.requeueFailed(ctx.pathParam("name"), ids);
    ObjectNode answer = json.object();
    answer.put("webhook", ctx.pathParam("name"));
    answer.put("requeued", requeued);
    send(ctx, 200, answer);
  }

  private List<String> incidentIds(byte[] body) throws IOException {
    if (body.length == 0) {
      return List.of();
    }
    JsonNode tree;
    try {
      tree = mapper.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiException.badRequest("the body is not JSON: " + e.getOriginalMessage()
          + "; send {\"incidentIds\": [\"…\"]}, or nothing to retry every failed delivery");
    }
    JsonNode ids = tree == null ? null : tree.get("incidentIds");
    if (tree == null || !tree.isObject() || tree.size() != 1 || ids == null || !ids.isArray() || ids.isEmpty()) {
      throw ApiException.badRequest("expected {\"incidentIds\": [\"…\", …]} with at least one id, "
          + "or an empty body to retry every failed delivery");
    }
    if (ids.size() > MAX_IDS) {
      throw ApiException.badRequest("at most " + MAX_IDS + " incident ids per request, not " + ids.size());
    }
    List<String> list = new ArrayList<>();
    for (JsonNode id : ids) {
      if (!id.isTextual() || id.asText().isBlank()) {
        throw ApiException.badRequest("incidentIds must be non-empty strings, not " + id);
      }
      list.add(id.asText());
    }
    return list;
  }

  private static int intParam(Context ctx, String name, int fallback) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below with the allowed range
    }
    throw ApiException.badRequest(name + " must be a whole number from 1 to " + MAX_LIMIT + ", not '" + value + "'");
  }

  private static String iso(Instant t) {
    return t == null ? null : t.toString();
  }

  private void send(Context ctx, int status, Object body) {
    ctx.status(status).contentType(ContentType.APPLICATION_JSON).result(json.write(body));
  }
}
