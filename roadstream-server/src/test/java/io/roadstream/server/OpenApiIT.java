package io.roadstream.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.congestion.CongestionEventType;
import io.roadstream.core.event.Alert;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.IncidentType;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SignalPlan;
import io.roadstream.core.event.LevelOfService;
import io.roadstream.ingest.push.PushIngestService;
import io.roadstream.store.Database;
import io.roadstream.store.Stores;
import io.roadstream.store.WebhookDeliveryRepository;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import io.roadstream.testkit.TestPostgres;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /openapi.json} against the server itself: a valid OpenAPI document that describes exactly the routes the
 * server answers (every one, and no other), and whose schemas hold what the server really sends: every required field
 * present, no field the document does not name, the types it states.
 */
@ExtendWith(KafkaTestBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiIT {

  private static final String ADMIN = "admin-token-Qm4r-T8zc";
  private static final Instant EIGHT = Instant.parse("2026-11-27T08:00:00Z");
  private static final PipelineStatus STATUS = new PipelineStatus(12.5, 3.0, 7, 42, EIGHT);

  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private TestPostgres postgres;
  private Database database;
  private KafkaProducer<String, byte[]> producer;
  private RoadstreamServer server;
  private JsonNode spec;

  @BeforeAll
  void start(KafkaTestClients kafka) throws Exception {
    postgres = TestPostgres.freshSchema("openapi");
    database = Database.open(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD, postgres.schema());
    seed(Stores.on(database.dataSource()));
    // every optional part on, so that every route is there to compare: push (a real producer), the admin API
    producer = new KafkaProducer<>(PushIngestService.producerSettings(
        Map.of("bootstrap.servers", kafka.bootstrapServers()), Duration.ofSeconds(5)));
    RoadstreamConfig.Ingest.Push push = new RoadstreamConfig.Ingest.Push("push-token-0123456789", 1 << 20);
    server = new RoadstreamServer(TestTown.network(), Stores.on(database.dataSource()), () -> STATUS,
        new RoadstreamConfig.Server(0, "", ADMIN, "", ""), Optional.of(new PushEndpoint(new PushIngestService(
        producer, RoadstreamConfig.defaults().kafka().topics(), new EventCodec(), Duration.ofSeconds(5),
        Clock.systemUTC()), push))).start();
    spec = mapper.readTree(get("/openapi.json", null).body());
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
    database.close();
    postgres.close();
  }

  /** Something for every list to hold, so that their items are checked too. */
  private static void seed(Stores stores) throws Exception {
    long eight = EIGHT.toEpochMilli();
    SegmentStats slow = new SegmentStats("main-eb-1", eight, eight + 60_000, 12.0, 1500.0, 62.5, 0.31, 240.0,
        LevelOfService.F, 3, 11);
    SegmentStats probesOnly = new SegmentStats("main-wb-2", eight, eight + 60_000, 48.0, 0.0, null, null, 60.0,
        null, 0, 4);
    stores.stats().upsert(List.of(slow, probesOnly));
    stores.jams().write(List.of(new CongestionEvent("jam-1", CongestionEventType.OPENED, eight + 60_000,
        eight + 60_000, "main-eb-1", "main-eb-1", new String[] {"main-eb-1"}, 1.0, 12.0, new SegmentStats[] {slow})));
    stores.incidents().write(List.of(new Incident("acc-1", IncidentType.CONFIRMED, "accident", "probes",
        eight + 60_000, "main-eb-1", 100.0, null, null, new String[] {"a", "b"}, "2 vehicles stopped")));
    stores.alerts().write(List.of(new Alert("acc-1>main-eb-1", "ISSUED", eight + 60_000, "main-eb-1", 400,
        "accident", "acc-1", "main-eb-1", "Accident 400 m ahead")));
    stores.signalPlans().write(List.of(new SignalPlan("X-main-ring", eight + 60_000, 60.0, 12.0, List.of(
        new SignalPlan.Phase(List.of("ring-sb"), 0.2, 20.0),
        new SignalPlan.Phase(List.of("main-eb-1", "main-wb-2"), 0.3, 28.0)), 0.5, false, eight - 240_000,
        eight + 60_000)));
    stores.deliveries().enqueue(List.of(new WebhookDeliveryRepository.NewDelivery("acc-1", "ems", "{}",
        "roadstream.incidents", 0, 0)));
    stores.deliveries().markFailed("acc-1", "ems");
  }

  private HttpResponse<String> get(String path, String bearer) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(10));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void isAValidOpenApiDocument() throws Exception {
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(mapper.writeValueAsString(spec));
    assertThat(parsed.getMessages()).isEmpty();
    assertThat(parsed.getOpenAPI().getPaths()).isNotEmpty();
  }

  @Test
  void describesExactlyTheRoutesTheServerAnswers() {
    TreeSet<String> documented = new TreeSet<>();
    spec.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
      if (List.of("get", "post", "put", "patch", "delete", "head").contains(method)) {
        documented.add(method.toUpperCase() + " " + path.getKey());
      }
    }));
    assertThat(documented).containsExactlyElementsOf(new TreeSet<>(server.routes()));
  }

  @Test
  void everyJsonAnswerHoldsItsSchema() throws Exception {
    List<Map.Entry<String, String>> samples = new ArrayList<>();
    samples.add(Map.entry("/api/live", "/api/live"));
    samples.add(Map.entry("/api/live/picture", "/api/live/picture"));
    samples.add(Map.entry("/api/network", "/api/network"));
    samples.add(Map.entry("/api/segments/{id}/stats", "/api/segments/main-eb-1/stats?from=2026-11-27T07:00:00Z&to="
        + "2026-11-27T09:00:00Z"));
    samples.add(Map.entry("/api/jams", "/api/jams"));
    samples.add(Map.entry("/api/incidents", "/api/incidents"));
    samples.add(Map.entry("/api/alerts", "/api/alerts"));
    samples.add(Map.entry("/api/signal-plans", "/api/signal-plans"));
    samples.add(Map.entry("/api/intersections/{id}/signal-plans", "/api/intersections/X-main-ring/signal-plans?from="
        + "2026-11-27T07:00:00Z&to=2026-11-27T09:00:00Z"));
    samples.add(Map.entry("/api/jams", "/api/jams?from=2026-11-27T07:00:00Z&to=2026-11-27T09:00:00Z"
        + "&bbox=-180,-90,180,90"));
    samples.add(Map.entry("/api/incidents", "/api/incidents?from=2026-11-27T07:00:00Z&to=2026-11-27T09:00:00Z"));
    samples.add(Map.entry("/api/segments/{id}/history", "/api/segments/main-eb-1/history?from=2026-11-27T07:00:00Z"
        + "&to=2026-11-27T09:00:00Z&resolution=1m"));
    samples.add(Map.entry("/api/segments/{id}/typical", "/api/segments/main-eb-1/typical"));
    samples.add(Map.entry("/api/status", "/api/status"));
    samples.add(Map.entry("/api/dashboard", "/api/dashboard"));
    samples.add(Map.entry("/health", "/health"));
    samples.add(Map.entry("/api/admin/deliveries", "/api/admin/deliveries?status=failed"));
    for (Map.Entry<String, String> sample : samples) {
      HttpResponse<String> response = get(sample.getValue(), sample.getKey().startsWith("/api/admin") ? ADMIN : null);
      assertThat(response.statusCode()).as(sample.getValue()).isEqualTo(200);
      JsonNode content = spec.path("paths").path(sample.getKey()).path("get").path("responses").path("200")
          .path("content");
      JsonNode schema = content.elements().next().path("schema");
      List<String> problems = new ArrayList<>();
      check(mapper.readTree(response.body()), schema, sample.getValue(), problems);
      assertThat(problems).as(sample.getValue()).isEmpty();
      assertThat(mapper.readTree(response.body()).isEmpty()).as(sample.getValue() + " has something to check")
          .isFalse();
    }
  }

  @Test
  void everyErrorHoldsTheErrorSchema() throws Exception {
    JsonNode errorSchema = spec.path("components").path("schemas").path("Error");
    for (String[] refused : new String[][] {{"/api/segments/nowhere/stats", null}, {"/api/nothing-here", null},
        {"/api/segments/main-eb-1/stats?from=yesterday", null}, {"/api/admin/deliveries", null},
        {"/api/admin/deliveries?status=lost", ADMIN}}) {
      HttpResponse<String> response = get(refused[0], refused[1]);
      assertThat(response.statusCode()).as(refused[0]).isBetween(400, 499);
      List<String> problems = new ArrayList<>();
      check(mapper.readTree(response.body()), errorSchema, refused[0], problems);
      assertThat(problems).as(refused[0]).isEmpty();
    }
  }

  // ---- a structural check of OpenAPI 3.0 schemas: $ref, allOf, type, nullable, required, named properties -------

  private JsonNode resolve(JsonNode schema) {
    while (schema.has("$ref")) {
      String[] path = schema.get("$ref").asText().substring(2).split("/");
      JsonNode target = spec;
      for (String part : path) {
        target = target.path(part);
      }
      assertThat(target.isMissingNode()).as("reference " + schema.get("$ref")).isFalse();
      schema = target;
    }
    return schema;
  }

  /** The schema with its allOf parts merged in: their properties and required fields together. */
  private Map<String, JsonNode> properties(JsonNode schema, List<String> required) {
    Map<String, JsonNode> properties = new java.util.LinkedHashMap<>();
    for (JsonNode part : schema.path("allOf")) {
      properties.putAll(properties(resolve(part), required));
    }
    schema.path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue()));
    schema.path("required").forEach(r -> required.add(r.asText()));
    return properties;
  }

  private void check(JsonNode value, JsonNode schemaOrRef, String where, List<String> problems) {
    JsonNode schema = resolve(schemaOrRef);
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean(false)) {
        problems.add(where + ": null, but not nullable");
      }
      return;
    }
    String type = schema.path("type").asText(schema.has("allOf") ? "object" : "");
    switch (type) {
      case "object" -> {
        if (!value.isObject()) {
          problems.add(where + ": " + value.getNodeType() + ", not an object");
          return;
        }
        List<String> required = new ArrayList<>();
        Map<String, JsonNode> properties = properties(schema, required);
        required.stream().filter(r -> !value.has(r)).forEach(r -> problems.add(where + ": missing '" + r + "'"));
        if (properties.isEmpty()) {
          return; // an object the document leaves open (a GeoJSON feature, say)
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          JsonNode property = properties.get(field.getKey());
          if (property == null) {
            problems.add(where + ": '" + field.getKey() + "' is not in the document");
          } else {
            check(field.getValue(), property, where + "." + field.getKey(), problems);
          }
        }
      }
      case "array" -> {
        if (!value.isArray()) {
          problems.add(where + ": " + value.getNodeType() + ", not an array");
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          check(value.get(i), schema.path("items"), where + "[" + i + "]", problems);
        }
      }
      case "string" -> {
        if (!value.isTextual()) {
          problems.add(where + ": " + value + " is not a string");
        } else if (schema.has("enum") && !schema.get("enum").toString().contains("\"" + value.asText() + "\"")) {
          problems.add(where + ": '" + value.asText() + "' is not one of " + schema.get("enum"));
        } else if ("date-time".equals(schema.path("format").asText())) {
          try {
            Instant.parse(value.asText());
          } catch (RuntimeException e) {
            problems.add(where + ": '" + value.asText() + "' is not an ISO-8601 instant");
          }
        }
      }
      case "integer" -> {
        if (!value.isIntegralNumber()) {
          problems.add(where + ": " + value + " is not an integer");
        }
      }
      case "number" -> {
        if (!value.isNumber()) {
          problems.add(where + ": " + value + " is not a number");
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          problems.add(where + ": " + value + " is not a boolean");
        }
      }
      default -> problems.add(where + ": the document gives no type");
    }
  }
}
