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

  /** Keeps the records exactly as the runner built them, in send order. */
  private static final class RecordingProducer extends MockProducer<String, byte[]> {
    final List<ProducerRecord<String, byte[]>> sent = new java.util.ArrayList<>();

    RecordingProducer() {
      super(true, null, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
      sent.add(record);
      return super.send(record, callback);
    }
  }

  private static TrafficSimulation simulation() {
    return new TrafficSimulation(METROVILLE, SHORT, SimulationSettings.defaults(SEVEN_AM).withWarmUp(Duration.ZERO));
  }

  @Test
  void producesEveryEventKeyedByItsSource() throws Exception {
    RecordingProducer producer = new RecordingProducer();
    Instant end = SEVEN_AM.plus(Duration.ofMinutes(5)); // beyond the scenario's 2 minutes: it keeps going
    SimulatorRunner runner = new SimulatorRunner(simulation(), producer, "readings", "positions", 0, end,
        new TickingClock(Instant.parse("2026-11-28T12:00:00Z")));

    runner.run();

    RecordingListener expected = new RecordingListener();
    simulation().advanceTo(end.toEpochMilli(), expected);
    List<ProducerRecord<String, byte[]>> sent = producer.sent;
    assertThat(sent).hasSize(expected.events.size());
    assertThat(runner.eventsProduced()).isEqualTo(sent.size());
    EventCodec codec = new EventCodec(io.roadstream.core.codec.EventLimits.DEFAULT, LATER);
    for (int i = 0; i < sent.size(); i++) {
      ProducerRecord<String, byte[]> record = sent.get(i);
      if (expected.events.get(i) instanceof SensorReading r) {
        assertThat(record.topic()).isEqualTo("readings");
        assertThat(record.key()).isEqualTo(r.sensorId());
        assertThat(codec.decodeReading(record.value())).isEqualTo(r);
      } else {
        ProbePosition p = (ProbePosition) expected.events.get(i);
        assertThat(record.topic()).isEqualTo("positions");
        assertThat(record.key()).isEqualTo(p.vehicleId());
        assertThat(codec.decodePosition(record.value())).isEqualTo(p);
      }
    }
    // the scenario lasts 2 minutes; the run went on to its end time at the scenario's final demand
    assertThat(RecordingListener.time(expected.events.get(expected.events.size() - 1)))
        .isGreaterThan(SEVEN_AM.plusSeconds(150).toEpochMilli()).isLessThan(end.toEpochMilli());
  }

  @Test
  void neverRunsAheadOfTheWallClock() {
    RecordingProducer producer = new RecordingProducer();
    Clock threeMinutesIn = Clock.fixed(SEVEN_AM.plusSeconds(180), ZoneOffset.UTC);
    Scenario hour = new Scenario("hour", LocalTime.of(7, 0), Duration.ofHours(1), 0, SHORT.demand(), List.of());
    TrafficSimulation simulation = new TrafficSimulation(METROVILLE, hour,
        SimulationSettings.defaults(SEVEN_AM).withWarmUp(Duration.ZERO));
    SimulatorRunner runner = new SimulatorRunner(simulation, producer, "readings", "positions", 0,
        SEVEN_AM.plusSeconds(180), threeMinutesIn);

    runner.run();

    assertThat(simulation.now()).isEqualTo(SEVEN_AM.plusSeconds(180).toEpochMilli());
    EventCodec codec = new EventCodec(io.roadstream.core.codec.EventLimits.DEFAULT, threeMinutesIn);
    assertThat(producer.sent).isNotEmpty().allSatisfy(r -> assertThat(r.topic().equals("readings")
        ? codec.decodeReading(r.value()).time() : codec.decodePosition(r.value()).time())
        .isLessThanOrEqualTo(threeMinutesIn.millis()));
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

  /** A wall clock that moves on 10 s each time it is read, so real-time pacing advances without sleeping. */
  private static final class TickingClock extends Clock {
    private long millis;

    TickingClock(Instant start) {
      millis = start.toEpochMilli();
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
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
