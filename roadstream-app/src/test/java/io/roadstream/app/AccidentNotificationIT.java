package io.roadstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.app.kafka.TopicCreator;
import io.roadstream.app.runtime.EmbeddedPipeline;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.Topics;
import io.roadstream.core.event.Alert;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.IncidentType;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.ingest.simulator.ScenarioLoader;
import io.roadstream.ingest.simulator.SimulationListener;
import io.roadstream.ingest.simulator.SimulationSettings;
import io.roadstream.ingest.simulator.TrafficSimulation;
import io.roadstream.server.dispatch.Dispatcher;
import io.roadstream.store.Database;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import io.roadstream.testkit.TestConfigs;
import io.roadstream.testkit.TestPostgres;
import io.roadstream.testkit.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The morning-peak crash from simulator to ambulance dispatcher, all real: the simulated events (fixed seed) go
 * through the Kafka broker and the Flink job on a MiniCluster; the job's confirmed accident goes through the
 * dispatcher, with its delivery log in PostgreSQL, to a real HTTP webhook that fails the first three times. The
 * dispatcher must get it through exactly once, and drivers upstream must have been alerted.
 */
@ExtendWith(KafkaTestBroker.class)
class AccidentNotificationIT {

  private static final RoadNetwork NETWORK = new RoadNetworkLoader().load("metroville");
  private static final Instant START = Instant.parse("2026-11-26T06:45:00Z");
  /** Two cars stop on M1-E-07 at 07:10 and stand there until 07:40; four minutes of it are enough here. */
  private static final Instant END = Instant.parse("2026-11-26T07:14:00Z");

  @Test
  void theConfirmedCrashReachesTheWebhookOnceThoughItFailsThreeTimes(EmbeddedKafkaBroker broker,
      KafkaTestClients kafka) throws Exception {
    RoadstreamConfig config = TestConfigs.isolated(broker.bootstrapServers(), "crash",
        Map.of());
    String prefix = config.kafka().topicPrefix();
    Topics topics = config.kafka().topics();
    TopicCreator.ensure(KafkaClients.properties(config.kafka()), topics.all(), 4, (short) 1);
    produceTheMorning(kafka, topics);

    try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(config, NETWORK, true)) {
      pipeline.awaitFinished(4, TimeUnit.MINUTES);
    }
    EventCodec codec = new EventCodec();
    List<Incident> incidents = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.readToEnd(topics.incidents(), Duration.ofSeconds(30),
        IsolationLevel.READ_COMMITTED)) {
      incidents.add(codec.decodeIncident(r.value()));
    }
    // the input ends at 07:14 with the cars still there; at its end event time jumps forward, the cars fall silent
    // for good, and the silence rule clears the accident
    assertThat(incidents).extracting(Incident::type)
        .containsExactly(IncidentType.DETECTED, IncidentType.CONFIRMED, IncidentType.CLEARED);
    assertThat(incidents).extracting(Incident::incidentId).containsOnly(incidents.get(0).incidentId());
    Incident crash = incidents.get(1);
    assertThat(crash.kind()).isEqualTo("accident");
    assertThat(crash.segmentId()).isEqualTo("M1-E-07");
    assertThat(crash.time()).isBetween(Instant.parse("2026-11-26T07:10:00Z").toEpochMilli(),
        Instant.parse("2026-11-26T07:12:00Z").toEpochMilli());

    List<Alert> alerts = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.readToEnd(topics.alerts(), Duration.ofSeconds(30),
        IsolationLevel.READ_COMMITTED)) {
      alerts.add(codec.decodeAlert(r.value()));
    }
    assertThat(alerts).filteredOn(a -> a.causeId().equals(crash.incidentId()) && !a.isForVehicle()
            && a.type().equals(Alert.ISSUED))
        .extracting(Alert::segmentId).containsExactlyInAnyOrder("M1-E-07", "M1-E-06", "M1-E-05");
    assertThat(alerts).filteredOn(a -> a.causeId().equals(crash.incidentId()) && a.isForVehicle()).isNotEmpty();

    try (TestPostgres pg = TestPostgres.freshSchema("crash-dispatch");
        Database db = Database.open(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD, pg.schema());
        WebhookReceiver ambulance = new WebhookReceiver()) {
      String url = ambulance.failingFirst("/ems", 3);
      RoadstreamConfig.Dispatch defaults = RoadstreamConfig.defaults().dispatch();
      RoadstreamConfig.Dispatch dispatch = new RoadstreamConfig.Dispatch(
          List.of(new RoadstreamConfig.Dispatch.Webhook("ems", url, null)), defaults.kinds(), 5_000,
          new RoadstreamConfig.Dispatch.Retry(8, 50, 400, 2.0), defaults.rabbitmq());
      try (Dispatcher dispatcher = Dispatcher.start(KafkaClients.properties(config.kafka()), prefix + "dispatch",
          topics, db.dataSource(), dispatch)) {
        await("the crash delivered to the webhook").atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> ambulance.requests().stream().anyMatch(WebhookReceiver.Request::accepted));
      }
      // the dispatcher is stopped: every request it ever made is in the receiver's list
      assertThat(ambulance.requests()).extracting(WebhookReceiver.Request::idempotencyKey)
          .containsOnly(crash.incidentId());
      assertThat(ambulance.requests()).extracting(WebhookReceiver.Request::answered)
          .containsExactly(500, 500, 500, 200);
      assertThat(ambulance.requests().get(3).body()).contains("\"type\":\"CONFIRMED\"", "\"kind\":\"accident\"");
    }
  }

  /** The simulator's events, keyed as the simulator runner keys them: readings by sensor, positions by vehicle. */
  private static void produceTheMorning(KafkaTestClients kafka, Topics topics) throws Exception {
    EventCodec codec = new EventCodec();
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    TrafficSimulation simulation = new TrafficSimulation(NETWORK, new ScenarioLoader().load("morning-peak"),
        SimulationSettings.defaults(START).withSeed(11).withDemandScale(0.3));
    simulation.advanceTo(END.toEpochMilli(), new SimulationListener() {
      @Override
      public void onReading(SensorReading r) {
        records.add(new ProducerRecord<>(topics.readings(), r.sensorId().getBytes(StandardCharsets.UTF_8),
            codec.encode(r)));
      }

      @Override
      public void onPosition(ProbePosition p) {
        records.add(new ProducerRecord<>(topics.positions(), p.vehicleId().getBytes(StandardCharsets.UTF_8),
            codec.encode(p)));
      }
    });
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties(),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      records.forEach(r -> sent.add(producer.send(r)));
      producer.flush();
      for (var f : sent) {
        f.get(30, TimeUnit.SECONDS);
      }
    }
  }
}
