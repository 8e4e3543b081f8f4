package io.roadstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.app.kafka.TopicCreator;
import io.roadstream.app.runtime.EmbeddedPipeline;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.ConfigLoader;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.Topics;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.ingest.simulator.ScenarioLoader;
import io.roadstream.ingest.simulator.SimulationListener;
import io.roadstream.ingest.simulator.SimulationSettings;
import io.roadstream.ingest.simulator.TrafficSimulation;
import io.roadstream.testkit.ExpectedStats;
import io.roadstream.testkit.KafkaTestClients;
import io.roadstream.testkit.StatsAssertions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka over SASL is a matter of {@code kafka.clientProperties}: against a real broker whose listener requires a
 * SASL/PLAIN login, the settings given as an environment variable reach every client — topic creation, a producer,
 * and the Flink job's Kafka source and transactional sinks, whose segment statistics come out as core computes them.
 * A wrong password is refused.
 */
class KafkaSaslIT {

  private static final RoadNetwork NETWORK = new RoadNetworkLoader().load("metroville");
  private static final Instant START = Instant.parse("2026-11-26T06:45:00Z");
  private static final String PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule required ";

  @TempDir Path dir;
  private EmbeddedKafkaBroker broker;

  private static String login(String user, String password) {
    return "security.protocol=SASL_PLAINTEXT;sasl.mechanism=PLAIN;sasl.jaas.config=" + PLAIN + "username=\"" + user
        + "\" password=\"" + password + "\";";
  }

  @BeforeEach
  void startSaslBroker() {
    Map<String, String> overrides = new HashMap<>();
    // the broker's client listener (named PLAINTEXT) speaks SASL; the controller's stays internal
    overrides.put("listener.security.protocol.map", "PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
    overrides.put("sasl.enabled.mechanisms", "PLAIN");
    overrides.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
    overrides.put("listener.name.plaintext.plain.sasl.jaas.config", PLAIN + "username=\"admin\" password=\"adm-pw\" "
        + "user_admin=\"adm-pw\" user_roadstream=\"rs-pw-7c1e\";");
    Map<String, String> admin = new RoadstreamConfig.Kafka("", 1, "", "", login("admin", "adm-pw"))
        .clientPropertiesMap();
    broker = new EmbeddedKafkaBroker(dir.resolve("kafka"), 0, overrides, admin, Duration.ofSeconds(60)).start();
  }

  @AfterEach
  void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  private RoadstreamConfig config(String user, String password) {
    return new ConfigLoader().load(null, Map.of("ROADSTREAM_KAFKA_CLIENT_PROPERTIES", login(user, password)), Map.of(
        "kafka.bootstrap", broker.bootstrapServers(), "kafka.topicPrefix", "sasl.", "pipeline.jobName", "sasl",
        "pipeline.checkpointDir", "", "pipeline.checkpointIntervalSeconds", "1"));
  }

  @Test
  void theWholePipelineRunsOverSaslWithTheConfiguredLogin() throws Exception {
    RoadstreamConfig config = config("roadstream", "rs-pw-7c1e");
    assertThat(config.toString()).doesNotContain("rs-pw-7c1e");
    Topics topics = config.kafka().topics();
    TopicCreator.ensure(KafkaClients.properties(config.kafka()), topics.all(), 2, (short) 1);

    List<SensorReading> readings = new ArrayList<>();
    List<ProbePosition> positions = new ArrayList<>();
    EventCodec codec = new EventCodec();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producerProperties(config.kafka()),
        new StringSerializer(), new ByteArraySerializer())) {
      TrafficSimulation simulation = new TrafficSimulation(NETWORK, new ScenarioLoader().load("morning-peak"),
          SimulationSettings.defaults(START).withSeed(7).withDemandScale(0.3));
      simulation.advanceTo(START.plus(Duration.ofMinutes(4)).toEpochMilli(), new SimulationListener() {
        @Override
        public void onReading(SensorReading r) {
          readings.add(r);
          producer.send(new ProducerRecord<>(topics.readings(), r.sensorId(), codec.encode(r)));
        }

        @Override
        public void onPosition(ProbePosition p) {
          positions.add(p);
          producer.send(new ProducerRecord<>(topics.positions(), p.vehicleId(), codec.encode(p)));
        }
      });
      producer.flush();
    }
    try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(config, NETWORK, true)) {
      pipeline.awaitFinished(3, TimeUnit.MINUTES);
    }

    // the job has finished: everything it wrote is committed; a window revised by late data counts as its last record
    try (KafkaTestClients kafka = new KafkaTestClients(broker.bootstrapServers(),
        config.kafka().clientPropertiesMap())) {
      Map<String, SegmentStats> latest = new LinkedHashMap<>();
      for (ConsumerRecord<byte[], byte[]> r : kafka.readToEnd(topics.segmentStats(), Duration.ofSeconds(60),
          IsolationLevel.READ_COMMITTED)) {
        SegmentStats s = codec.decodeStats(r.value());
        latest.put(s.segmentId() + "@" + s.windowStart(), s);
      }
      StatsAssertions.assertSameStats(new ArrayList<>(latest.values()),
          ExpectedStats.of(NETWORK, readings, positions, Duration.ofMinutes(1)));
      assertThat(kafka.readToEnd(topics.deadLetters(), Duration.ofSeconds(30), IsolationLevel.READ_COMMITTED))
          .as("dead letters").isEmpty();
    }
  }

  @Test
  void aWrongPasswordIsRefused() {
    RoadstreamConfig config = config("roadstream", "not-the-password");
    Map<String, Object> props = new HashMap<>(KafkaClients.properties(config.kafka()));
    assertThatThrownBy(() -> TopicCreator.ensure(props, config.kafka().topics().all(), 1, (short) 1))
        .hasRootCauseInstanceOf(SaslAuthenticationException.class)
        .rootCause().hasMessageContaining("Authentication failed");
  }
}
