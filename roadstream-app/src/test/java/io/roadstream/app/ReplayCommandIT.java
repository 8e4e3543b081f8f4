package io.roadstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.linearroad.LinearRoadAnswers;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code replay} and {@code ingest} commands as a user runs them, against a real broker: what they put on Kafka is
 * read back and compared with the input files.
 */
@ExtendWith(KafkaTestBroker.class)
class ReplayCommandIT {

  private static final Path LINEAR_ROAD = Path.of("../../shared/data/linear-road/lr-1x-30min.dat.gz");
  private static final String T = "2026-11-27T07:30:00Z";

  @TempDir Path dir;

  private static String prefix() {
    return "replay-" + UUID.randomUUID().toString().substring(0, 8) + ".";
  }

  private static int run(String... args) {
    return new CommandLine(new Roadstream()).execute(args);
  }

  @Test
  void linearRoadRowsGoUnchangedAndInOrderToTheLinearRoadTopic(EmbeddedKafkaBroker broker) throws Exception {
    List<String> rows = new ArrayList<>();
    try (BufferedReader in = LinearRoadAnswers.lines(LINEAR_ROAD)) {
      String row;
      while (rows.size() < 20_000 && (row = in.readLine()) != null) {
        rows.add(row);
      }
    }
    Path file = Files.write(dir.resolve("lr-head.dat"), rows);
    String prefix = prefix();

    int exit = run("replay", "linear-road", file.toString(), "--kafka", broker.bootstrapServers(),
        "--set", "kafka.topicPrefix=" + prefix);

    assertThat(exit).isZero();
    try (KafkaTestClients kafka = new KafkaTestClients(broker.bootstrapServers())) {
      List<String> values = KafkaTestClients.values(kafka.readToEnd(prefix + "linear-road", Duration.ofSeconds(30),
          IsolationLevel.READ_COMMITTED));
      assertThat(values).containsExactlyElementsOf(rows);
    }
  }

  @Test
  void jsonLinesReplayPutsGoodLinesOnTheirTopicAndBadOnesInTheDeadLetters(EmbeddedKafkaBroker broker)
      throws Exception {
    Path file = Files.writeString(dir.resolve("readings.jsonl"), String.join("\n",
        "{\"sensorId\":\"D-M1-E-01\",\"time\":\"" + T + "\",\"intervalS\":30,\"vehicleCount\":21,\"avgSpeedKmh\":96.4}",
        "{\"sensorId\":\"D-M1-E-02\",\"time\":\"" + T + "\",\"intervalS\":30,\"vehicleCount\":\"many\"}",
        "{\"sensorId\":\"D-M1-E-01\",\"time\":\"2026-11-27T07:30:30Z\",\"intervalS\":30,\"vehicleCount\":18}",
        ""));
    String prefix = prefix();

    int exit = run("replay", "jsonl", file.toString(), "--kafka", broker.bootstrapServers(),
        "--set", "kafka.topicPrefix=" + prefix, "--quiet");

    assertThat(exit).isZero();
    EventCodec codec = new EventCodec();
    try (KafkaTestClients kafka = new KafkaTestClients(broker.bootstrapServers())) {
      List<SensorReading> readings = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> r :
          kafka.readToEnd(prefix + "readings", Duration.ofSeconds(30), IsolationLevel.READ_COMMITTED)) {
        readings.add(codec.decodeReading(r.value()));
      }
      assertThat(readings).extracting(SensorReading::vehicleCount).containsExactlyInAnyOrder(21, 18);
      List<ConsumerRecord<byte[], byte[]>> letters =
          kafka.readToEnd(prefix + "dead-letters", Duration.ofSeconds(30), IsolationLevel.READ_COMMITTED);
      assertThat(letters).hasSize(1);
      DeadLetter letter = codec.decodeDeadLetter(letters.get(0).value());
      assertThat(letter.sourceTopic()).isEqualTo("connector:replay-jsonl");
      assertThat(letter.reasonCode()).isEqualTo(DeadLetterReason.INVALID);
      assertThat(letter.reason()).startsWith("line 2: ").contains("'vehicleCount'");
      assertThat(new String(letter.payload(), StandardCharsets.UTF_8)).contains("\"many\"");
    }
  }

  @Test
  void ingestRunsTheConfiguredSourcesAndEndsWhenAFiniteOneIsDone(EmbeddedKafkaBroker broker) throws Exception {
    Path data = Files.writeString(dir.resolve("positions.jsonl"), String.join("\n",
        "{\"vehicleId\":\"bus-7\",\"time\":\"" + T + "\",\"speedKmh\":31.0,\"segmentId\":\"A-A1-A2\",\"offsetM\":12.5}",
        "{\"vehicleId\":\"bus-7\",\"time\":\"2026-11-27T07:30:10Z\",\"speedKmh\":28.0,\"segmentId\":\"A-A1-A2\","
            + "\"offsetM\":95.0}"));
    Path config = Files.writeString(dir.resolve("ingest.yaml"), """
        ingest:
          stateDir: %s
          sources:
            - type: replay
              name: buses
              format: jsonl
              files: [%s]
        """.formatted(dir.resolve("state"), data));
    String prefix = prefix();

    int exit = run("ingest", "--config", config.toString(), "--kafka", broker.bootstrapServers(),
        "--set", "kafka.topicPrefix=" + prefix, "--status-every", "PT1S");

    assertThat(exit).isZero();
    try (KafkaTestClients kafka = new KafkaTestClients(broker.bootstrapServers())) {
      List<ConsumerRecord<byte[], byte[]>> positions =
          kafka.readToEnd(prefix + "positions", Duration.ofSeconds(30), IsolationLevel.READ_COMMITTED);
      assertThat(positions).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("bus-7",
          "bus-7");
    }
  }
}
