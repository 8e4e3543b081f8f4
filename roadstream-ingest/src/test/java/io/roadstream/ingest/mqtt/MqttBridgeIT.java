package io.roadstream.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.Topics;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.retry.RetrySchedule;
import io.roadstream.ingest.connect.ConnectorRuntime;
import io.roadstream.ingest.connect.KafkaEventSink;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import io.roadstream.testkit.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bridge between the machine's Mosquitto (127.0.0.1:1883; {@code mosquitto -d -c /etc/mosquitto/mosquitto.conf}
 * starts it) and a real Kafka broker, through the connector runtime and the Kafka sink as {@code roadstream ingest}
 * runs them. Each test uses topics under its own {@code roadstream-it/<uuid>/} and its own Kafka topic prefix, and
 * removes the MQTT sessions and retained messages it made.
 */
@ExtendWith(KafkaTestBroker.class)
class MqttBridgeIT {

  private static final String MOSQUITTO = "tcp://127.0.0.1:1883";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final long SEVEN_THIRTY = Instant.parse("2026-11-27T07:30:00Z").toEpochMilli();

  private final EventCodec codec = new EventCodec();
  private final String prefix = "roadstream-it/" + UUID.randomUUID();
  private final List<String> sessions = new ArrayList<>();
  private final List<String> retained = new ArrayList<>();
  private KafkaTestClients kafka;
  private Topics topics;
  private KafkaProducer<String, byte[]> producer;
  private MqttClient publisher;
  private ConnectorRuntime runtime;

  @BeforeEach
  void setUp(KafkaTestClients kafka) throws Exception {
    this.kafka = kafka;
    topics = TestConfigs.isolated(kafka.bootstrapServers(), "mqtt", Map.of()).kafka().topics();
    List<NewTopic> needed = List.of(topics.readings(), topics.positions(), topics.reports(), topics.deadLetters())
        .stream().map(t -> new NewTopic(t, 1, (short) 1)).toList();
    kafka.admin().createTopics(needed).all().get(30, TimeUnit.SECONDS);
    producer = new KafkaProducer<>(KafkaEventSink.producerSettings(
        Map.of("bootstrap.servers", kafka.bootstrapServers()), KafkaEventSink.DEFAULT_BUFFER_BYTES),
        new StringSerializer(), new ByteArraySerializer());
    publisher = new MqttClient(MOSQUITTO, "roadstream-it-pub-" + UUID.randomUUID(), new MemoryPersistence());
    publisher.connect();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (runtime != null) {
      runtime.close();
    }
    for (String topic : retained) {
      publisher.publish(topic, new byte[0], 1, true);
    }
    publisher.disconnect();
    publisher.close();
    for (String clientId : sessions) {
      forgetSession(clientId);
    }
    producer.close(Duration.ofSeconds(5));
  }

  @Test
  void bridgesJsonAndCsvFromWildcardSubscriptionsAndSendsBadPayloadsToTheDeadLetters() throws Exception {
    MqttSettings json = settings("json-loops", List.of(prefix + "/json/+/reading"), "json", null, 0);
    // roadstream-it/<uuid>/csv/<sensorId>/reading: the sensor id is level 4
    MqttSettings csv = settings("csv-loops", List.of(prefix + "/csv/#"), "csv",
        new MqttSettings.Csv(List.of("time", "intervalS", "vehicleCount", "avgSpeedKmh", "occupancy"), true, null), 4);
    startBridges(json, csv);
    awaitSubscribed(List.of(prefix + "/json/D-READY-J/reading", prefix + "/csv/D-READY-C/reading"),
        List.of(reading("D-READY-J", 0), "time,interval,count,speed,occupancy\n" + SEVEN_THIRTY + ",30,1,,"));

    publish(prefix + "/json/D-M1-E-01/reading", reading("D-M1-E-01", 1));
    publish(prefix + "/json/D-M1-E-02/reading", "[" + reading("D-M1-E-02", 2) + "," + reading("D-M1-E-03", 3) + "]");
    publish(prefix + "/json/D-BAD/reading", "this is not json");
    publish(prefix + "/json/D-M1-E-04/reading", reading("D-M1-E-04", -1));
    publish(prefix + "/csv/D-C-1/reading", "time,interval,count,speed,occupancy\n"
        + SEVEN_THIRTY + ",30,4,88.5,0.05\n"
        + SEVEN_THIRTY + ",30\n"
        + (SEVEN_THIRTY + 30_000) + ",30,5,,\n");

    List<String> readings = awaitReadings(7);
    assertThat(readings).containsExactlyInAnyOrder(
        "D-READY-J@0", "D-READY-C@1", "D-M1-E-01@1", "D-M1-E-02@2", "D-M1-E-03@3", "D-C-1@4", "D-C-1@5");
    List<DeadLetter> letters = awaitDeadLetters(3);
    // the reason starts with where the payload was: "topic …: why"
    assertThat(letters).extracting(DeadLetter::sourceTopic, DeadLetter::reasonCode,
            l -> l.reason().substring(0, l.reason().indexOf(": ")))
        .containsExactlyInAnyOrder(
            tuple("connector:" + json.name(), DeadLetterReason.MALFORMED,
                "topic " + prefix + "/json/D-BAD/reading"),
            tuple("connector:" + json.name(), DeadLetterReason.INVALID,
                "topic " + prefix + "/json/D-M1-E-04/reading"),
            tuple("connector:" + csv.name(), DeadLetterReason.MALFORMED,
                "topic " + prefix + "/csv/D-C-1/reading, line 3"));
    DeadLetter invalid = letters.stream().filter(l -> l.reasonCode() == DeadLetterReason.INVALID).findFirst()
        .orElseThrow();
    assertThat(invalid.reason()).contains("'vehicleCount'");
    assertThat(new String(invalid.payload(), StandardCharsets.UTF_8)).isEqualTo(reading("D-M1-E-04", -1));
    assertThat(kafka.readToEnd(topics.positions(), WAIT, IsolationLevel.READ_UNCOMMITTED)).isEmpty();
  }

  @Test
  void deliversWhatWasPublishedWhileTheBridgeWasStoppedOnceItRunsAgainWithTheSameClientId() throws Exception {
    MqttSettings loops = settings("restart", List.of(prefix + "/sensors/+/reading"), "json", null, 0);
    startBridges(loops);
    awaitSubscribed(List.of(prefix + "/sensors/D-READY/reading"), List.of(reading("D-READY", 0)));
    runtime.close();
    runtime = null;

    // MqttClient.publish at QoS 1 returns once Mosquitto has the message, queued for the absent bridge's session
    for (int i = 1; i <= 3; i++) {
      publish(prefix + "/sensors/D-M1-E-0" + i + "/reading", reading("D-M1-E-0" + i, i));
    }
    startBridges(loops);

    assertThat(awaitReadings(4)).containsExactlyInAnyOrder("D-READY@0", "D-M1-E-01@1", "D-M1-E-02@2", "D-M1-E-03@3");
  }

  private MqttSettings settings(String name, List<String> filters, String format, MqttSettings.Csv csv, int idLevel) {
    String unique = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    MqttSettings s = new MqttSettings("mqtt", unique, MOSQUITTO, "roadstream-it-" + unique, null, null, filters, 1,
        false, "readings", format, csv, idLevel, null, null);
    assertThat(s.problems("test")).isEmpty();
    sessions.add(s.clientId());
    return s;
  }

  private void startBridges(MqttSettings... bridges) {
    runtime = new ConnectorRuntime(new RetrySchedule(1, Duration.ofMillis(200), Duration.ofSeconds(1), 2));
    for (MqttSettings s : bridges) {
      runtime.start(new MqttBridgeConnector(s, codec),
          metrics -> new KafkaEventSink(producer, topics, metrics, Clock.systemUTC()));
    }
  }

  /**
   * A bridge is subscribed once the retained message on its topic reached Kafka: the broker hands retained
   * messages to every new subscription. The retained messages are cleared afterwards, so they are not sent again.
   */
  private void awaitSubscribed(List<String> probeTopics, List<String> probes) throws Exception {
    for (int i = 0; i < probeTopics.size(); i++) {
      publisher.publish(probeTopics.get(i), probes.get(i).getBytes(StandardCharsets.UTF_8), 1, true);
      retained.add(probeTopics.get(i));
    }
    kafka.consume(topics.readings(), probeTopics.size(), WAIT);
    for (String topic : probeTopics) {
      publisher.publish(topic, new byte[0], 1, true);
    }
    retained.clear();
  }

  private void publish(String topic, String payload) throws Exception {
    publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
  }

  /** The readings in Kafka as sensorId@vehicleCount, once there are {@code expected}, and all there are then. */
  private List<String> awaitReadings(int expected) throws Exception {
    kafka.consume(topics.readings(), expected, WAIT);
    List<String> readings = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.readToEnd(topics.readings(), WAIT, IsolationLevel.READ_UNCOMMITTED)) {
      SensorReading reading = codec.decodeReading(r.value());
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(reading.sensorId());
      readings.add(reading.sensorId() + "@" + reading.vehicleCount());
    }
    return readings;
  }

  private List<DeadLetter> awaitDeadLetters(int expected) throws Exception {
    kafka.consume(topics.deadLetters(), expected, WAIT);
    List<DeadLetter> letters = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r
        : kafka.readToEnd(topics.deadLetters(), WAIT, IsolationLevel.READ_UNCOMMITTED)) {
      letters.add(codec.decodeDeadLetter(r.value()));
    }
    return letters;
  }

  /** Connecting with a clean session makes Mosquitto drop the session (subscriptions, queue) kept for the id. */
  private static void forgetSession(String clientId) throws Exception {
    MqttClient c = new MqttClient(MOSQUITTO, clientId, new MemoryPersistence());
    MqttConnectOptions o = new MqttConnectOptions();
    o.setCleanSession(true);
    c.connect(o);
    c.disconnect();
    c.close();
  }

  private static String reading(String sensor, int count) {
    return "{\"sensorId\":\"" + sensor + "\",\"time\":" + SEVEN_THIRTY + ",\"intervalS\":30,\"vehicleCount\":" + count
        + ",\"avgSpeedKmh\":96.4,\"occupancy\":0.07}";
  }
}
