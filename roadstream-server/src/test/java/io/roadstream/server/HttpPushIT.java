package io.roadstream.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.Topics;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.ingest.push.PushIngestService;
import io.roadstream.store.Database;
import io.roadstream.store.Stores;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import io.roadstream.testkit.TestConfigs;
import io.roadstream.testkit.TestPostgres;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /ingest/...} on the real server (port 0) against a real Kafka broker, through java.net.http. Each test
 * has its own topics; a 202 must mean the records are already in Kafka, so they are read back without waiting.
 */
@ExtendWith(KafkaTestBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpPushIT {

  private static final String TOKEN = "it-token-7f3a";
  private static final int MAX_BODY_BYTES = 2048;
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final long SEVEN_THIRTY = Instant.parse("2026-11-27T07:30:00Z").toEpochMilli();

  private final ObjectMapper mapper = new ObjectMapper();
  private final EventCodec codec = new EventCodec();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private TestPostgres postgres;
  private Database database;
  private KafkaTestClients kafka;
  private RoadstreamConfig config;
  private Topics topics;
  private Producer<String, byte[]> producer;
  private RoadstreamServer server;

  @BeforeAll
  void openDatabase() {
    postgres = TestPostgres.freshSchema("http_push");
    database = Database.open(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD, postgres.schema());
  }

  @AfterAll
  void closeDatabase() throws Exception {
    database.close();
    postgres.close();
  }

  @BeforeEach
  void createTopics(KafkaTestClients kafka) throws Exception {
    this.kafka = kafka;
    config = TestConfigs.isolated(kafka.bootstrapServers(), "push", Map.of("ingest.push.token", TOKEN,
        "ingest.push.maxBodyBytes", String.valueOf(MAX_BODY_BYTES)));
    topics = config.kafka().topics();
    kafka.admin().createTopics(List.of(topics.readings(), topics.positions(), topics.reports(), topics.deadLetters())
        .stream().map(t -> new NewTopic(t, 2, (short) 1)).toList()).all().get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }

  @Test
  void answers202WithNdjsonReadingsAlreadyInKafka() throws Exception {
    start(config.ingest().push());
    String body = reading("D-M1-E-01", 21) + "\n" + reading("D-M1-E-02", 17) + "\n" + reading("D-M1-E-03", 9) + "\n";

    HttpResponse<String> response = post("/ingest/readings", "application/x-ndjson", body, TOKEN);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(json(response)).isEqualTo(mapper.readTree("{\"accepted\":3,\"rejected\":[]}"));
    assertThat(readNow(topics.readings())).extracting(r -> key(r), r -> vehicleCount(r))
        .containsExactlyInAnyOrder(tuple("D-M1-E-01", 21), tuple("D-M1-E-02", 17), tuple("D-M1-E-03", 9));
    assertThat(readNow(topics.deadLetters())).isEmpty();
  }

  @Test
  void answers202WithAJsonArrayOfPositionsAlreadyInKafka() throws Exception {
    start(config.ingest().push());

    HttpResponse<String> response = post("/ingest/positions", "application/json",
        "[" + position("v-1042") + "," + position("v-7") + "]", TOKEN);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(json(response).path("accepted").asInt()).isEqualTo(2);
    assertThat(readNow(topics.positions())).extracting(r -> key(r)).containsExactlyInAnyOrder("v-1042", "v-7");
  }

  @Test
  void listsTheRejectedRecordsAndPutsThemInTheDeadLettersBesideTheGoodOnes() throws Exception {
    start(config.ingest().push());
    String body = reading("D-1", 5) + "\n"
        + "{\"sensorId\":\"D-2\"\n"
        + reading("D-3", 5).replace("96.4", "420") + "\n"
        + reading("D-4", 5) + "\n";

    HttpResponse<String> response = post("/ingest/readings", "application/x-ndjson", body, TOKEN);

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode result = json(response);
    assertThat(result.path("accepted").asInt()).isEqualTo(2);
    assertThat(result.path("rejected")).hasSize(2);
    assertThat(result.path("rejected").get(0).path("index").asInt()).isEqualTo(1);
    assertThat(result.path("rejected").get(0).path("line").asInt()).isEqualTo(2);
    assertThat(result.path("rejected").get(0).path("code").asText()).isEqualTo("MALFORMED");
    assertThat(result.path("rejected").get(1).path("index").asInt()).isEqualTo(2);
    assertThat(result.path("rejected").get(1).path("code").asText()).isEqualTo("INVALID");
    assertThat(result.path("rejected").get(1).path("reason").asText()).contains("'avgSpeedKmh'");
    assertThat(readNow(topics.readings())).extracting(r -> key(r)).containsExactlyInAnyOrder("D-1", "D-4");
    List<DeadLetter> letters = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : readNow(topics.deadLetters())) {
      letters.add(codec.decodeDeadLetter(r.value()));
    }
    assertThat(letters).extracting(DeadLetter::sourceTopic, DeadLetter::key).containsExactlyInAnyOrder(
        tuple("push", "POST /ingest/readings, line 2"), tuple("push", "POST /ingest/readings, line 3"));
  }

  @Test
  void refusesARequestWithoutTheRightTokenAndStoresNothing() throws Exception {
    start(config.ingest().push());

    HttpResponse<String> none = post("/ingest/readings", "application/x-ndjson", reading("D-1", 1), null);
    HttpResponse<String> wrong = post("/ingest/readings", "application/x-ndjson", reading("D-1", 1), "it-token-7f3b");

    for (HttpResponse<String> r : List.of(none, wrong)) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      assertThat(json(r).path("error").asText()).contains("token");
    }
    assertThat(readNow(topics.readings())).isEmpty();
  }

  @Test
  void refusesABodyOverTheLimitWhetherItsLengthIsDeclaredOrNot() throws Exception {
    start(config.ingest().push());
    StringBuilder big = new StringBuilder();
    for (int i = 0; big.length() <= MAX_BODY_BYTES; i++) {
      big.append(reading("D-" + i, 1)).append('\n');
    }
    byte[] bytes = big.toString().getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> declared = post("/ingest/readings", "application/x-ndjson", big.toString(), TOKEN);
    HttpResponse<String> chunked = http.send(request("/ingest/readings", "application/x-ndjson", TOKEN)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(json(declared).path("error").asText()).contains("ingest.push.maxBodyBytes");
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(readNow(topics.readings())).isEmpty();
  }

  @Test
  void answers404ForAnUnknownKindAnd400ForAnEmptyBody() throws Exception {
    start(config.ingest().push());

    HttpResponse<String> unknown = post("/ingest/speeds", "application/json", "[]", TOKEN);
    HttpResponse<String> empty = post("/ingest/readings", "application/json", "", TOKEN);

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).path("error").asText()).contains("'speeds'");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(json(empty).path("error").asText()).contains("empty");
  }

  @Test
  void isNotThereWithoutAToken() throws Exception {
    start(new RoadstreamConfig.Ingest.Push("", MAX_BODY_BYTES));

    HttpResponse<String> response = post("/ingest/readings", "application/x-ndjson", reading("D-1", 1), "");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(readNow(topics.readings())).isEmpty();
  }

  @Test
  void answers503WithRetryAfterWhenKafkaDoesNotAcknowledgeInTime() throws Exception {
    producer = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    startWith(producer, Duration.ofMillis(200), config.ingest().push());

    HttpResponse<String> response = post("/ingest/readings", "application/x-ndjson", reading("D-1", 1), TOKEN);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(json(response).path("error").asText()).contains("send the whole body again");
  }

  private void start(RoadstreamConfig.Ingest.Push settings) {
    Duration timeout = Duration.ofSeconds(10);
    producer = new KafkaProducer<>(PushIngestService.producerSettings(
        Map.of("bootstrap.servers", kafka.bootstrapServers()), timeout));
    startWith(producer, timeout, settings);
  }

  private void startWith(Producer<String, byte[]> producer, Duration timeout, RoadstreamConfig.Ingest.Push settings) {
    PushIngestService service = new PushIngestService(producer, topics, codec, timeout, Clock.systemUTC());
    server = new RoadstreamServer(TestTown.network(), Stores.on(database.dataSource()), () -> null, 0,
        Optional.of(new PushEndpoint(service, settings))).start();
  }

  private HttpResponse<String> post(String path, String contentType, String body, String token) throws Exception {
    return http.send(request(path, contentType, token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path, String contentType, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(WAIT).header("Content-Type", contentType);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  /** What the topic holds right now: a 202 promises the records are there, so nothing is waited for. */
  private List<ConsumerRecord<byte[], byte[]>> readNow(String topic) {
    return kafka.readToEnd(topic, WAIT, IsolationLevel.READ_UNCOMMITTED);
  }

  private JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/json"));
    return mapper.readTree(response.body());
  }

  private int vehicleCount(ConsumerRecord<byte[], byte[]> r) {
    try {
      return codec.decodeReading(r.value()).vehicleCount();
    } catch (io.roadstream.core.codec.DecodeException e) {
      throw new AssertionError("not a reading: " + e.getMessage(), e);
    }
  }

  private static String key(ConsumerRecord<byte[], byte[]> r) {
    return new String(r.key(), StandardCharsets.UTF_8);
  }

  private static String reading(String sensor, int count) {
    return "{\"sensorId\":\"" + sensor + "\",\"time\":" + SEVEN_THIRTY + ",\"intervalS\":30,\"vehicleCount\":" + count
        + ",\"avgSpeedKmh\":96.4,\"occupancy\":0.07}";
  }

  private static String position(String vehicle) {
    return "{\"vehicleId\":\"" + vehicle + "\",\"time\":" + SEVEN_THIRTY + ",\"lat\":51.9213,\"lon\":4.4512,"
        + "\"speedKmh\":97.0}";
  }
}
