package io.roadstream.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.roadstream.ingest.connect.EventKind;
import io.roadstream.ingest.push.PushBodyException;
import io.roadstream.ingest.push.PushIngestService;
import io.roadstream.ingest.push.PushResult;
import io.roadstream.ingest.push.PushUnavailableException;
import java.io.IOException;

/**
 * {@code POST /ingest/{readings|positions|reports}}: HTTP in and out around {@link PushIngestService}. Answers
 * 202 {@code {accepted, rejected: [{index, line?, reason, code}]}} only once Kafka has every record; 401 without the
 * bearer token; 404 for another kind; 413 for a body over the limit (before reading it when Content-Length says so);
 * 400 for an empty body or one that is not the JSON its type says; 503 with Retry-After when Kafka did not
 * acknowledge in time, so the client sends the body again.
 */
final class IngestController {

  /** Seconds a client should wait before resending after a 503. */
  static final int RETRY_AFTER_S = 5;

  private final PushIngestService service;
  private final BearerToken token;
  private final BoundedBody bodies;
  private final JsonViews json;

  IngestController(PushEndpoint endpoint, JsonViews json) {
    this.service = endpoint.service();
    this.token = new BearerToken(endpoint.settings().token());
    this.bodies = new BoundedBody(endpoint.settings().maxBodyBytes());
    this.json = json;
  }

  void push(Context ctx) throws IOException, InterruptedException {
    if (!token.accepts(ctx.header("Authorization"))) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"roadstream ingest\"");
      throw new ApiException(401, "missing or wrong token: send Authorization: Bearer <ingest.push.token>");
    }
    EventKind kind = EventKind.of(ctx.pathParam("kind")).orElseThrow(() -> ApiException.notFound(
        "no such kind of event: '" + ctx.pathParam("kind") + "'; POST to /ingest/readings, /ingest/positions or "
            + "/ingest/reports"));
    byte[] body = bodies.read(ctx.req().getContentLengthLong(), ctx.req().getInputStream());
    PushResult result;
    try {
      result = service.ingest(kind, body, ctx.contentType());
    } catch (PushBodyException e) {
      throw ApiException.badRequest(e.getMessage());
    } catch (PushUnavailableException e) {
      ctx.header("Retry-After", String.valueOf(RETRY_AFTER_S));
      throw ApiException.unavailable("Kafka did not store the records in time (" + e.getMessage()
          + "); send the whole body again later");
    }
    ctx.status(202).contentType(ContentType.APPLICATION_JSON).result(json.write(view(result)));
  }

  private ObjectNode view(PushResult result) {
    ObjectNode node = json.object();
    node.put("accepted", result.accepted());
    ArrayNode rejected = node.putArray("rejected");
    for (PushResult.Rejection r : result.rejected()) {
      ObjectNode item = rejected.addObject();
      item.put("index", r.index());
      if (r.line() != null) {
        item.put("line", r.line());
      }
      item.put("reason", r.reason());
      item.put("code", r.code().name());
    }
    return node;
  }
}
