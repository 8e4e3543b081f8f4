package io.roadstream.server.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.RoadstreamConfig.Dispatch;
import io.roadstream.core.config.RoadstreamConfig.Dispatch.Webhook;
import io.roadstream.core.config.Topics;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.IncidentType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.server.RoadstreamServer;
import io.roadstream.store.Database;
import io.roadstream.store.Stores;
import io.roadstream.store.WebhookDeliveryRepository;
import io.roadstream.store.WebhookDeliveryRepository.WebhookDelivery;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import io.roadstream.testkit.TestPostgres;
import io.roadstream.testkit.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The webhook dispatcher between a real Kafka broker, a real PostgreSQL and a real HTTP receiver: each confirmed
 * accident reaches each webhook once, whatever the webhook does and however often the dispatcher restarts.
 */
@ExtendWith(KafkaTestBroker.class)
class WebhookDispatchIT {

  private static final long DETECTED_AT = Instant.parse("2026-11-27T07:10:00Z").toEpochMilli();
  private static final long CONFIRMED_AT = DETECTED_AT + 30_000;
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final EventCodec codec = new EventCodec();
  private final List<Dispatcher> dispatchers = new ArrayList<>();
  private TestPostgres pg;
  private Database db;
  private WebhookDeliveryRepository log;
  private WebhookReceiver receiver;
  private Topics topics;
  private String group;

  @BeforeEach
  void start(TestInfo test, KafkaTestClients kafka) throws Exception {
    pg = TestPostgres.freshSchema(test.getTestMethod().orElseThrow().getName());
    db = Database.open(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD, pg.schema());
    log = new WebhookDeliveryRepository(db.dataSource());
    receiver = new WebhookReceiver();
    topics = DispatchTopics.create(kafka, "incidents", "dead-letters");
    group = KafkaTestClients.uniqueName("dispatch");
  }

  @AfterEach
  void stop() throws Exception {
    dispatchers.forEach(Dispatcher::close);
    receiver.close();
    db.close();
    pg.close();
  }

  private static Incident incident(String id, IncidentType type, String kind, long time) {
    return new Incident(id, type, kind, "probes", time, "M1-E-07", 600.0, 51.9021, 4.5105,
        new String[] {"v-1", "v-2"}, "2 vehicles stopped within 10 m for 4 reports each");
  }

  private static Incident confirmed(String id) {
    return incident(id, IncidentType.CONFIRMED, "accident", CONFIRMED_AT);
  }

  private void produce(KafkaTestClients kafka, Incident... incidents) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (Incident i : incidents) {
      records.add(new ProducerRecord<>(topics.incidents(), i.incidentId().getBytes(StandardCharsets.UTF_8),
          codec.encode(i)));
    }
    kafka.produceRecords(records);
  }

  /** Small backoffs keep each test to seconds: 50, 100, 200, 200 … ms. */
  private static Dispatch dispatch(int maxAttempts, long initialBackoffMs, Webhook... webhooks) {
    Dispatch defaults = RoadstreamConfig.defaults().dispatch();
    return new Dispatch(List.of(webhooks), defaults.kinds(), 5_000,
        new Dispatch.Retry(maxAttempts, initialBackoffMs, initialBackoffMs * 4, 2.0), defaults.rabbitmq());
  }

  private Dispatcher startDispatcher(KafkaTestClients kafka, Dispatch dispatch) {
    Dispatcher dispatcher = Dispatcher.start(Map.of("bootstrap.servers", kafka.bootstrapServers()), group, topics,
        db.dataSource(), dispatch);
    dispatchers.add(dispatcher);
    return dispatcher;
  }

  private WebhookDelivery row(String incidentId, String webhook) throws Exception {
    return log.forIncident(incidentId).stream().filter(d -> d.webhook().equals(webhook)).findFirst().orElse(null);
  }

  private boolean delivered(String incidentId, String webhook) throws Exception {
    WebhookDelivery d = row(incidentId, webhook);
    return d != null && d.status().equals(WebhookDeliveryRepository.DELIVERED);
  }

  /** Σ committed offsets of the intake's group: every record read has been recorded in the delivery log. */
  private long intakeCommitted(KafkaTestClients kafka) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = kafka.admin().listConsumerGroupOffsets(group + "-webhooks")
        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
  }

  @Test
  void sendsEachConfirmedAccidentOnceThoughTheWebhookFailsThreeTimes(KafkaTestClients kafka) throws Exception {
    String url = receiver.failingFirst("/ems", 3);
    startDispatcher(kafka, dispatch(8, 50, new Webhook("ems", url, "ems-token")));

    produce(kafka,
        incident("acc-1", IncidentType.DETECTED, "accident", DETECTED_AT),
        confirmed("acc-1"),
        confirmed("acc-1"), // a replay of the same step
        incident("acc-1", IncidentType.CLEARED, "accident", CONFIRMED_AT + 600_000),
        incident("stall-1", IncidentType.CONFIRMED, "stalled-vehicle", CONFIRMED_AT),
        incident("acc-2", IncidentType.DETECTED, "accident", DETECTED_AT),
        confirmed("acc-2"));

    await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
      assertThat(delivered("acc-1", "ems")).as("acc-1 delivered").isTrue();
      assertThat(delivered("acc-2", "ems")).as("acc-2 delivered").isTrue();
      assertThat(intakeCommitted(kafka)).isEqualTo(7);
    });

    for (String id : List.of("acc-1", "acc-2")) {
      List<WebhookReceiver.Request> got = receiver.requests("/ems", id);
      assertThat(got).extracting(WebhookReceiver.Request::answered).containsExactly(500, 500, 500, 200);
      assertThat(got).allSatisfy(r -> {
        assertThat(r.authorization()).isEqualTo("Bearer ems-token");
        assertThat(codec.decodeIncident(r.body().getBytes(StandardCharsets.UTF_8))).isEqualTo(confirmed(id));
      });
      WebhookDelivery d = row(id, "ems");
      assertThat(d.attempts()).isEqualTo(4);
      assertThat(d.lastHttpStatus()).isEqualTo(200);
      assertThat(d.lastError()).isNull();
      assertThat(d.deliveredAt()).isNotNull();
    }
    // nothing about the detection, the clearing, or a kind that is not configured
    assertThat(receiver.requests()).extracting(WebhookReceiver.Request::idempotencyKey)
        .containsOnly("acc-1", "acc-2").hasSize(8);
    assertThat(log.all()).hasSize(2);
  }

  @Test
  void deadLettersWhatAWebhookNeverAcceptsAndKeepsDeliveringTheRest(KafkaTestClients kafka) throws Exception {
    String down = receiver.answering("/down", 503);
    String up = receiver.answering("/up", 200);
    startDispatcher(kafka, dispatch(3, 50, new Webhook("down", down, ""), new Webhook("up", up, "")));

    produce(kafka, confirmed("acc-1"));
    await().atMost(WAIT).until(() -> !receiver.requests("/down", "acc-1").isEmpty());
    produce(kafka, confirmed("acc-2"), confirmed("acc-3"));

    List<DeadLetter> letters = new ArrayList<>();
    for (var record : kafka.consume(topics.deadLetters(), 3, WAIT, IsolationLevel.READ_COMMITTED)) {
      letters.add(codec.decodeDeadLetter(record.value()));
    }
    assertThat(letters).extracting(DeadLetter::key).containsExactlyInAnyOrder("acc-1", "acc-2", "acc-3");
    assertThat(letters).allSatisfy(letter -> {
      assertThat(letter.reasonCode()).isEqualTo(DeadLetterReason.UNDELIVERABLE);
      assertThat(letter.sourceTopic()).isEqualTo(topics.incidents());
      assertThat(letter.reason()).contains("webhook 'down'", "in 3 attempts", "HTTP 503");
      assertThat(codec.decodeIncident(letter.payload())).isEqualTo(confirmed(letter.key()));
    });
    // senders work concurrently, so letters arrive in any order; each names where its incident was read
    assertThat(letters).allSatisfy(letter -> assertThat(letter.offset())
        .isEqualTo(List.of("acc-1", "acc-2", "acc-3").indexOf(letter.key())));
    await().atMost(WAIT).untilAsserted(() -> {
      for (String id : List.of("acc-1", "acc-2", "acc-3")) {
        assertThat(row(id, "down").status()).isEqualTo(WebhookDeliveryRepository.FAILED);
        assertThat(row(id, "up").status()).isEqualTo(WebhookDeliveryRepository.DELIVERED);
      }
    });
    for (String id : List.of("acc-1", "acc-2", "acc-3")) {
      assertThat(row(id, "down").attempts()).isEqualTo(3);
      assertThat(row(id, "down").lastHttpStatus()).isEqualTo(503);
      assertThat(row(id, "down").lastError()).startsWith("HTTP 503");
      assertThat(receiver.requests("/down", id)).hasSize(3);
      assertThat(row(id, "up").attempts()).isEqualTo(1);
      assertThat(receiver.requests("/up", id)).hasSize(1);
    }
  }

  @Test
  void anOperatorSendsFailedDeliveriesAgainThroughTheAdminApi(KafkaTestClients kafka) throws Exception {
    // the receiver is down for each incident's first two requests: with two attempts, both deliveries fail
    String url = receiver.failingFirst("/ems", 2);
    startDispatcher(kafka, dispatch(2, 50, new Webhook("ems", url, "")));
    produce(kafka, confirmed("acc-1"), confirmed("acc-2"));
    await().atMost(WAIT).untilAsserted(() -> {
      for (String id : List.of("acc-1", "acc-2")) {
        assertThat(row(id, "ems")).as(id).isNotNull().extracting(WebhookDelivery::status)
            .isEqualTo(WebhookDeliveryRepository.FAILED);
      }
    });
    String admin = "admin-token-Qm4r-T8zc";
    try (RoadstreamServer server = new RoadstreamServer(new RoadNetworkLoader().load("metroville"),
        Stores.on(db.dataSource()), () -> { throw new IllegalStateException("no status in this test"); },
        new RoadstreamConfig.Server(0, "", admin, "", ""), Optional.empty()).start()) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> failed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
          + "/api/admin/deliveries?status=failed&webhook=ems")).header("Authorization", "Bearer " + admin).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(failed.statusCode()).isEqualTo(200);
      JsonNode rows = new ObjectMapper().readTree(failed.body());
      assertThat(rows.findValuesAsText("incidentId")).containsExactlyInAnyOrder("acc-1", "acc-2");
      assertThat(rows.findValuesAsText("lastError")).allSatisfy(e -> assertThat(e).startsWith("HTTP 500"));

      // the receiver works again; the operator sends acc-1 again, and only acc-1
      HttpResponse<String> retried = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
          + "/api/admin/webhooks/ems/retry")).header("Authorization", "Bearer " + admin)
          .POST(HttpRequest.BodyPublishers.ofString("{\"incidentIds\": [\"acc-1\"]}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
      assertThat(new ObjectMapper().readTree(retried.body()).path("requeued").asInt()).isEqualTo(1);
    }
    await().atMost(WAIT).until(() -> delivered("acc-1", "ems"));
    assertThat(receiver.requests("/ems", "acc-1")).extracting(WebhookReceiver.Request::answered)
        .containsExactly(500, 500, 200);
    assertThat(row("acc-2", "ems").status()).isEqualTo(WebhookDeliveryRepository.FAILED);
    assertThat(receiver.requests("/ems", "acc-2")).hasSize(2);
  }

  @Test
  void aRestartedDispatcherResumesFromTheLogWithoutSendingTwice(KafkaTestClients kafka) throws Exception {
    String url = receiver.failingFirst("/ems", 3);
    Dispatch dispatch = dispatch(8, 200, new Webhook("ems", url, ""));
    Dispatcher first = startDispatcher(kafka, dispatch);
    produce(kafka, confirmed("acc-1"), confirmed("acc-2"));

    // stop mid-way: both incidents have failed at least once, none is delivered yet
    await().atMost(WAIT).until(() -> receiver.requests("/ems", "acc-1").size() >= 2
        && !receiver.requests("/ems", "acc-2").isEmpty());
    first.close();
    assertThat(receiver.requests()).noneMatch(WebhookReceiver.Request::accepted);
    int attemptsBefore = receiver.requests().size();
    // every attempt made so far is in the log: the next dispatcher knows where to go on
    assertThat(log.all().stream().mapToInt(WebhookDelivery::attempts).sum()).isEqualTo(attemptsBefore);

    startDispatcher(kafka, dispatch);
    produce(kafka, confirmed("acc-1"), confirmed("acc-3")); // a replay and a new one

    await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
      for (String id : List.of("acc-1", "acc-2", "acc-3")) {
        assertThat(delivered(id, "ems")).as(id + " delivered").isTrue();
      }
      assertThat(intakeCommitted(kafka)).isEqualTo(4);
    });
    for (String id : List.of("acc-1", "acc-2", "acc-3")) {
      assertThat(receiver.requests("/ems", id)).extracting(WebhookReceiver.Request::answered)
          .containsExactly(500, 500, 500, 200);
      assertThat(row(id, "ems").attempts()).isEqualTo(4);
    }
  }
}
