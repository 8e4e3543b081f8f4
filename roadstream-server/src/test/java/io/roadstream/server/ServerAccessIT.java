package io.roadstream.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.store.Database;
import io.roadstream.store.Stores;
import io.roadstream.testkit.TestPostgres;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Who may call what on the real server against a real PostgreSQL: the read token, the admin token, the dashboard's
 * sign-in cookie, and the refusals a client gets (401, 404, 413, 400), each with a JSON reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerAccessIT {

  private static final String READ = "read-token-6Yx2-kP9w";
  private static final String ADMIN = "admin-token-Qm4r-T8zc";
  private static final PipelineStatus STATUS = new PipelineStatus(0, 0, 0, 0, Instant.parse("2026-11-27T08:00:00Z"));

  private final ObjectMapper mapper = new ObjectMapper();
  private TestPostgres postgres;
  private Database database;
  private RoadstreamServer server;

  @BeforeAll
  void openDatabase() {
    postgres = TestPostgres.freshSchema("server_access");
    database = Database.open(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD, postgres.schema());
  }

  @AfterAll
  void closeDatabase() throws Exception {
    database.close();
    postgres.close();
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private void start(String readToken, String adminToken) {
    server = new RoadstreamServer(TestTown.network(), Stores.on(database.dataSource()), () -> STATUS,
        new RoadstreamConfig.Server(0, readToken, adminToken, "", ""), Optional.empty()).start();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(10));
  }

  /**
   * Each request on a client of its own, so that nothing a client keeps between requests (connections, what it
   * learned from a 401) stands between the request as written here and what the server decides.
   */
  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String bearer) throws Exception {
    HttpRequest.Builder request = request(path).GET();
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return send(request);
  }

  private HttpResponse<String> post(String path, String bearer, String body) throws Exception {
    return send(request(path).header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** The JSON error a refused client reads: its status and a reason that says what to do. */
  private JsonNode refusal(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("application/json"));
    JsonNode error = mapper.readTree(response.body());
    assertThat(error.path("status").asInt()).isEqualTo(status);
    return error;
  }

  @Test
  void withoutTokensTheReadApiIsPublicAndTheAdminApiIsOff() throws Exception {
    start("", "");
    assertThat(get("/api/live", null).statusCode()).isEqualTo(200);
    assertThat(get("/api/network", null).statusCode()).isEqualTo(200);
    assertThat(refusal(get("/api/admin/deliveries", "anything-at-all-here"), 404).path("error").asText())
        .contains("admin API is off", "server.adminToken");
  }

  @Test
  void aReadTokenGuardsTheApiButNotHealthNorTheDashboardFiles() throws Exception {
    start(READ, ADMIN);
    for (String path : new String[] {"/api/live", "/api/network", "/api/jams", "/api/nowhere", "/api/stream"}) {
      HttpResponse<String> refused = get(path, null);
      assertThat(refusal(refused, 401).path("error").asText()).as(path).contains("server.readToken", "/login.html");
      assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"roadstream\"");
      refusal(get(path, "read-token-6Yx2-kP9W"), 401); // one letter's case differs
    }
    assertThat(get("/api/live", READ).statusCode()).isEqualTo(200);
    assertThat(get("/api/network", ADMIN).statusCode()).as("whoever administers may read").isEqualTo(200);
    assertThat(get("/health", null).statusCode()).isIn(200, 503); // public: what load balancers call
    HttpResponse<String> page = get("/", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<title>roadstream</title>");
    assertThat(get("/login.html", null).body()).contains("action=\"/login\"");
  }

  @Test
  void aTokenOpensOnlyItsOwnRequestOnAKeepAliveConnection() throws Exception {
    start(READ, ADMIN);
    String withToken = "GET /api/live HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + READ + "\r\n\r\n";
    String without = "GET /api/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    String last = "GET /api/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    String answers;
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write((withToken + without + last).getBytes(StandardCharsets.US_ASCII));
      answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
    assertThat(Pattern.compile("HTTP/1\\.1 (\\d{3})").matcher(answers).results().map(m -> m.group(1)))
        .containsExactly("200", "401", "401");
  }

  @Test
  void theDashboardSignsInWithAnHttpOnlyCookie() throws Exception {
    start(READ, ADMIN);
    HttpResponse<String> wrong = send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("token=not-the-token-at-all")));
    assertThat(wrong.statusCode()).isEqualTo(303);
    assertThat(wrong.headers().firstValue("Location")).hasValue("/login.html?failed");
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

    HttpResponse<String> right = send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(READ, StandardCharsets.UTF_8))));
    assertThat(right.statusCode()).isEqualTo(303);
    assertThat(right.headers().firstValue("Location")).hasValue("/");
    String setCookie = right.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith(AccessControl.COOKIE + "=" + READ).containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("SameSite=Strict");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    assertThat(send(request("/api/live").header("Cookie", cookie).GET()).statusCode()).isEqualTo(200);
    refusal(send(request("/api/live").header("Cookie", AccessControl.COOKIE + "=forged-0123456789abc").GET()), 401);
    // the read token's cookie does not open the admin API: that needs the admin token as a header
    refusal(send(request("/api/admin/deliveries").header("Cookie", cookie).GET()), 401);
  }

  @Test
  void theAdminApiNeedsTheAdminTokenItself() throws Exception {
    start(READ, ADMIN);
    HttpResponse<String> none = get("/api/admin/deliveries", null);
    assertThat(refusal(none, 401).path("error").asText()).contains("server.adminToken");
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"roadstream admin\"");
    refusal(get("/api/admin/deliveries", READ), 401);
    refusal(post("/api/admin/webhooks/ems/retry", READ, ""), 401);

    HttpResponse<String> list = get("/api/admin/deliveries?status=failed", ADMIN);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(mapper.readTree(list.body()).isArray()).isTrue();
  }

  @Test
  void refusesMalformedAndOversizedAdminRequestsWithAReason() throws Exception {
    start("", ADMIN);
    assertThat(refusal(get("/api/admin/deliveries?status=lost", ADMIN), 400).path("error").asText())
        .contains("status must be pending, delivered or failed", "'lost'");
    assertThat(refusal(get("/api/admin/deliveries?limit=0", ADMIN), 400).path("error").asText())
        .contains("limit must be a whole number from 1 to 1000");
    assertThat(refusal(post("/api/admin/webhooks/ems/retry", ADMIN, "{\"incidentIds\": [\"acc-1\""), 400)
        .path("error").asText()).contains("the body is not JSON");
    assertThat(refusal(post("/api/admin/webhooks/ems/retry", ADMIN, "{\"incidentIds\": [42]}"), 400)
        .path("error").asText()).contains("incidentIds must be non-empty strings", "42");
    assertThat(refusal(post("/api/admin/webhooks/ems/retry", ADMIN, "[\"acc-1\"]"), 400).path("error").asText())
        .contains("expected {\"incidentIds\"");

    String big = "{\"incidentIds\": [\"" + "x".repeat(AdminController.MAX_BODY_BYTES) + "\"]}";
    assertThat(refusal(post("/api/admin/webhooks/ems/retry", ADMIN, big), 413).path("error").asText())
        .contains("at most " + AdminController.MAX_BODY_BYTES + " bytes");

    // well-formed but nothing failed: nothing to send again
    HttpResponse<String> nothing = post("/api/admin/webhooks/ems/retry", ADMIN, "");
    assertThat(nothing.statusCode()).isEqualTo(200);
    assertThat(mapper.readTree(nothing.body()).path("requeued").asInt()).isZero();
  }
}
