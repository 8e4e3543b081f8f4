package io.roadstream.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SimulatorRunnerTest {

  private static final RoadNetwork METROVILLE = new RoadNetworkLoader().load(RoadNetworkLoader.METROVILLE);
  private static final Instant SEVEN_AM = Instant.parse("2026-11-27T07:00:00Z");
  /** A wall clock long after the simulated morning, so pacing never waits for it. */
  private static final Clock LATER = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
  private static final Scenario SHORT = new Scenario("short", LocalTime.of(7, 0), Duration.ofMinutes(2), 0,
      List.of(new DemandPoint(LocalTime.of(7, 0), 0.5)), List.of());

  private static TrafficSimulation simulation() {
    return new TrafficSimulation(METROVILLE, SHORT, SimulationSettings.defaults(SEVEN_AM).withWarmUp(Duration.ZERO));
  }

  @Test
  void producesEveryEventKeyedAndTimestampedByTheEvent() throws Exception {
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    Instant end = SEVEN_AM.plus(Duration.ofMinutes(5)); // beyond the scenario's 2 minutes: it keeps going
    SimulatorRunner runner = new SimulatorRunner(simulation(), producer, "readings", "positions", 0, end, LATER);

    runner.run();

    RecordingListener expected = new RecordingListener();
    simulation().advanceTo(end.toEpochMilli(), expected);
    List<ProducerRecord<String, byte[]>> sent = producer.history();
    assertThat(sent).hasSize(expected.events.size());
    assertThat(runner.eventsProduced()).isEqualTo(sent.size());
    EventCodec codec = new EventCodec(io.roadstream.core.codec.EventLimits.DEFAULT, LATER);
    for (int i = 0; i < sent.size(); i++) {
      ProducerRecord<String, byte[]> record = sent.get(i);
      if (expected.events.get(i) instanceof SensorReading r) {
        assertThat(record.topic()).isEqualTo("readings");
        assertThat(record.key()).isEqualTo(r.sensorId());
        assertThat(record.timestamp()).isEqualTo(r.time());
        assertThat(codec.decodeReading(record.value())).isEqualTo(r);
      } else {
        ProbePosition p = (ProbePosition) expected.events.get(i);
        assertThat(record.topic()).isEqualTo("positions");
        assertThat(record.key()).isEqualTo(p.vehicleId());
        assertThat(record.timestamp()).isEqualTo(p.time());
      }
    }
    assertThat(sent.get(sent.size() - 1).timestamp()).isLessThan(end.toEpochMilli());
    assertThat(sent).anySatisfy(r -> assertThat(r.timestamp()).isGreaterThan(SEVEN_AM.plusSeconds(150).toEpochMilli()));
  }

  @Test
  void neverRunsAheadOfTheWallClock() {
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    Clock threeMinutesIn = Clock.fixed(SEVEN_AM.plusSeconds(180), ZoneOffset.UTC);
    TrafficSimulation simulation = simulation();
    SimulatorRunner runner = new SimulatorRunner(simulation, producer, "readings", "positions", 0,
        SEVEN_AM.plusSeconds(180), threeMinutesIn);

    runner.run();

    assertThat(simulation.now()).isEqualTo(SEVEN_AM.plusSeconds(180).toEpochMilli());
    assertThat(producer.history()).allSatisfy(r -> assertThat(r.timestamp()).isLessThanOrEqualTo(
        threeMinutesIn.millis()));
  }

  @Test
  void surfacesSendErrorsAndStops() {
    AtomicInteger sends = new AtomicInteger();
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            if (sends.incrementAndGet() == 5) {
              callback.onCompletion(null, new KafkaException("broker gone"));
              return java.util.concurrent.CompletableFuture.failedFuture(new KafkaException("broker gone"));
            }
            return super.send(record, callback);
          }
        };
    SimulatorRunner runner = new SimulatorRunner(simulation(), producer, "readings", "positions", 0,
        SEVEN_AM.plus(Duration.ofMinutes(30)), LATER);

    assertThatThrownBy(runner::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("broker gone");
    assertThat(runner.failure()).get().extracting(Throwable::getMessage).isEqualTo("broker gone");
    assertThat(runner.eventsProduced()).isEqualTo(sends.get() - 1);
  }

  @Test
  void closeStopsARunThatHasNoEnd() throws Exception {
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    // the wall clock stands still at the start: the runner has nothing to do and waits
    SimulatorRunner runner = new SimulatorRunner(simulation(), producer, "readings", "positions", 10, null,
        Clock.fixed(SEVEN_AM, ZoneOffset.UTC));
    Thread thread = new Thread(runner, "simulator");
    thread.start();

    runner.close();
    thread.join(10_000);

    assertThat(thread.isAlive()).isFalse();
    assertThat(producer.flushed()).isTrue();
  }

  @Test
  void pacesBySpeedFactorFromItsAnchors() {
    assertThat(SimulatorRunner.targetSimMillis(10, 1_000_000, 5_000, 6_000, 1_000_000)).isEqualTo(1_010_000);
    assertThat(SimulatorRunner.targetSimMillis(1, 1_000_000, 5_000, 6_000, 1_000_000)).isEqualTo(1_001_000);
    assertThat(SimulatorRunner.targetSimMillis(0, 1_000_000, 5_000, 5_000, 1_000_000)).isGreaterThan(1_000_000);
  }

  @Test
  void demoStartsOnTheMostRecentDayTheScenarioStartHasPassed() {
    Scenario morning = new Scenario("m", LocalTime.of(6, 45), Duration.ofHours(1), 10, SHORT.demand(), List.of());

    assertThat(SimulatorRunner.demoStart(morning, Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC)))
        .isEqualTo(Instant.parse("2026-11-27T06:45:00Z"));
    assertThat(SimulatorRunner.demoStart(morning, Clock.fixed(Instant.parse("2026-11-27T06:45:00Z"), ZoneOffset.UTC)))
        .isEqualTo(Instant.parse("2026-11-27T06:45:00Z"));
    assertThat(SimulatorRunner.demoStart(morning, Clock.fixed(Instant.parse("2026-11-27T05:00:00Z"), ZoneOffset.UTC)))
        .isEqualTo(Instant.parse("2026-11-26T06:45:00Z"));
  }
}
