package io.roadstream.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.codec.EventLimits;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The simulator runner against a real Kafka broker. */
@ExtendWith(KafkaTestBroker.class)
class SimulatorRunnerIT {

  private static final RoadNetwork METROVILLE = new RoadNetworkLoader().load(RoadNetworkLoader.METROVILLE);
  private static final Instant SEVEN_AM = Instant.parse("2026-11-27T07:00:00Z");
  private static final Instant NEXT_DAY = Instant.parse("2026-11-28T12:00:00Z");
  private static final Scenario SHORT = new Scenario("short", LocalTime.of(7, 0), Duration.ofMinutes(2), 0,
      List.of(new DemandPoint(LocalTime.of(7, 0), 0.5)), List.of());

  private static TrafficSimulation simulation(Scenario scenario) {
    return new TrafficSimulation(METROVILLE, scenario, SimulationSettings.defaults(SEVEN_AM).withWarmUp(Duration.ZERO));
  }

  private static KafkaProducer<String, byte[]> producer(Properties base) {
    return new KafkaProducer<>(base, new StringSerializer(), new ByteArraySerializer());
  }

  @Test
  void producesEveryEventKeyedByItsSourceInOrderPerSource(KafkaTestClients kafka) throws Exception {
    String readings = kafka.createTopic("readings", 3);
    String positions = kafka.createTopic("positions", 3);
    Instant end = SEVEN_AM.plus(Duration.ofMinutes(5)); // past the scenario's 2 minutes: it keeps going
    SimulatorRunner runner;
    try (KafkaProducer<String, byte[]> producer = producer(kafka.producerProperties())) {
      runner = new SimulatorRunner(simulation(SHORT), producer, readings, positions, 0, end, new TickingClock(NEXT_DAY));
      runner.run();
    }

    RecordingListener expected = new RecordingListener();
    simulation(SHORT).advanceTo(end.toEpochMilli(), expected);
    int total = expected.events.size();
    List<ConsumerRecord<byte[], byte[]>> fromReadings =
        kafka.readToEnd(readings, Duration.ofSeconds(30), IsolationLevel.READ_UNCOMMITTED);
    List<ConsumerRecord<byte[], byte[]>> fromPositions =
        kafka.readToEnd(positions, Duration.ofSeconds(30), IsolationLevel.READ_UNCOMMITTED);

    assertThat(runner.eventsProduced()).isEqualTo(total);
    EventCodec codec = new EventCodec(EventLimits.DEFAULT, Clock.fixed(NEXT_DAY, ZoneOffset.UTC));
    Map<String, List<Object>> expectedBySource = new LinkedHashMap<>();
    for (Object e : expected.events) {
      String key = e instanceof SensorReading r ? r.sensorId() : ((ProbePosition) e).vehicleId();
      expectedBySource.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
    }
    Map<String, List<Object>> actualBySource = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : fromReadings) {
      actualBySource.computeIfAbsent(key(r), k -> new ArrayList<>()).add(codec.decodeReading(r.value()));
    }
    for (ConsumerRecord<byte[], byte[]> r : fromPositions) {
      actualBySource.computeIfAbsent(key(r), k -> new ArrayList<>()).add(codec.decodePosition(r.value()));
    }
    // Kafka keeps order per partition, and a key stays on one partition: each source's events in simulation order
    assertThat(actualBySource).isEqualTo(expectedBySource);
    assertThat(fromReadings.size() + fromPositions.size()).isEqualTo(total);
    // the scenario lasts 2 minutes; the run went on to its end time at the scenario's final demand
    assertThat(RecordingListener.time(expected.events.get(total - 1)))
        .isGreaterThan(SEVEN_AM.plusSeconds(150).toEpochMilli()).isLessThan(end.toEpochMilli());
  }

  @Test
  void neverRunsAheadOfTheWallClock(KafkaTestClients kafka) throws Exception {
    String readings = kafka.createTopic("readings", 1);
    String positions = kafka.createTopic("positions", 1);
    Clock threeMinutesIn = Clock.fixed(SEVEN_AM.plusSeconds(180), ZoneOffset.UTC);
    Scenario hour = new Scenario("hour", LocalTime.of(7, 0), Duration.ofHours(1), 0, SHORT.demand(), List.of());
    TrafficSimulation simulation = simulation(hour);
    try (KafkaProducer<String, byte[]> producer = producer(kafka.producerProperties())) {
      new SimulatorRunner(simulation, producer, readings, positions, 0, SEVEN_AM.plusSeconds(180), threeMinutesIn)
          .run();
    }

    assertThat(simulation.now()).isEqualTo(SEVEN_AM.plusSeconds(180).toEpochMilli());
    EventCodec codec = new EventCodec(EventLimits.DEFAULT, threeMinutesIn);
    List<ConsumerRecord<byte[], byte[]>> read =
        kafka.readToEnd(positions, Duration.ofSeconds(30), IsolationLevel.READ_UNCOMMITTED);
    assertThat(read).isNotEmpty().allSatisfy(r -> assertThat(codec.decodePosition(r.value()).time())
        .isLessThanOrEqualTo(threeMinutesIn.millis()));
  }

  @Test
  void aBrokerThatIsGoneStopsTheRunWithTheError(@TempDir Path dir) throws Exception {
    EmbeddedKafkaBroker doomed = new EmbeddedKafkaBroker(Files.createDirectories(dir.resolve("kafka"))).start();
    Properties props;
    try (KafkaTestClients clients = new KafkaTestClients(doomed.bootstrapServers())) {
      clients.createTopic("readings", 1);
      props = clients.producerProperties();
    }
    doomed.close();
    props.put("max.block.ms", "1000");
    props.put("request.timeout.ms", "1000");
    props.put("delivery.timeout.ms", "2000");
    SimulatorRunner runner;
    try (KafkaProducer<String, byte[]> producer = producer(props)) {
      runner = new SimulatorRunner(simulation(SHORT), producer, "readings", "positions", 0,
          SEVEN_AM.plus(Duration.ofMinutes(30)), Clock.fixed(NEXT_DAY, ZoneOffset.UTC));

      assertThatThrownBy(runner::run).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("producing simulator events failed");
    }
    assertThat(runner.failure()).isPresent();
    assertThat(runner.eventsProduced()).isZero();
  }

  @Test
  void closeStopsARunThatHasNoEnd(KafkaTestClients kafka) throws Exception {
    String readings = kafka.createTopic("readings", 1);
    String positions = kafka.createTopic("positions", 1);
    try (KafkaProducer<String, byte[]> producer = producer(kafka.producerProperties())) {
      // the wall clock stands still at the start: the runner has nothing to do and waits
      SimulatorRunner runner = new SimulatorRunner(simulation(SHORT), producer, readings, positions, 10, null,
          Clock.fixed(SEVEN_AM, ZoneOffset.UTC));
      Thread thread = new Thread(runner, "simulator");
      thread.start();

      runner.close();
      thread.join(10_000);

      assertThat(thread.isAlive()).isFalse();
      assertThat(runner.failure()).isEmpty();
    }
  }

  private static String key(ConsumerRecord<byte[], byte[]> r) {
    return new String(r.key(), StandardCharsets.UTF_8);
  }

  /** A wall clock that moves on 10 s each time it is read, so real-time pacing advances without sleeping. */
  private static final class TickingClock extends Clock {
    private long millis;

    TickingClock(Instant start) {
      millis = start.toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public synchronized long millis() {
      millis += 10_000;
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }
  }
}
