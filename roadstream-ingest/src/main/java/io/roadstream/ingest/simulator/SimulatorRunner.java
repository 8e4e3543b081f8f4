package io.roadstream.ingest.simulator;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a {@link TrafficSimulation} against the wall clock and produces its events to Kafka: readings keyed by sensor
 * id, positions keyed by vehicle id, event time in the payload. During the scenario it runs at
 * {@code speedFactor} simulated seconds per wall second (0 = as fast as possible); after the scenario it goes on in
 * real time at the scenario's final demand. It never runs ahead of the wall clock, so no event is from the future.
 *
 * <p>It stops at {@code endTime} (if given) or on {@link #close()}, then flushes the producer; the producer belongs
 * to the caller. A failed send stops the run: {@link #run()} throws, and {@link #failure()} holds the first error.
 */
public final class SimulatorRunner implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatorRunner.class);
  /** When running as fast as possible, events go out in chunks of this much simulated time. */
  private static final long FAST_CHUNK_MS = 60_000;
  private static final long IDLE_WAIT_MS = 200;

  private final TrafficSimulation simulation;
  private final Producer<String, byte[]> producer;
  private final String readingsTopic;
  private final String positionsTopic;
  private final double speedFactor;
  private final Instant endTime;
  private final Clock clock;
  private final EventCodec codec = new EventCodec();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong produced = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean started;

  /**
   * @param speedFactor simulated seconds per wall-clock second during the scenario; 0 = as fast as possible
   * @param endTime     simulated time at which to stop, or null to run until closed
   * @param clock       the wall clock (a fixed or offset clock in tests)
   */
  public SimulatorRunner(TrafficSimulation simulation, Producer<String, byte[]> producer, String readingsTopic,
      String positionsTopic, double speedFactor, Instant endTime, Clock clock) {
    if (!(speedFactor >= 0) || Double.isInfinite(speedFactor)) {
      throw new IllegalArgumentException("speedFactor must be 0 (as fast as possible) or positive, got " + speedFactor);
    }
    this.simulation = simulation;
    this.producer = producer;
    this.readingsTopic = readingsTopic;
    this.positionsTopic = positionsTopic;
    this.speedFactor = speedFactor;
    this.endTime = endTime;
    this.clock = clock;
  }

  /**
   * The start of the most recent day on which the scenario's start time of day (UTC) is not after now: a demo then
   * plays the scenario's hours with timestamps in the recent past and catches up with the present.
   */
  public static Instant demoStart(Scenario scenario, Clock clock) {
    Instant now = clock.instant();
    Instant today = LocalDate.ofInstant(now, ZoneOffset.UTC).atTime(scenario.start()).toInstant(ZoneOffset.UTC);
    return today.isAfter(now) ? today.minusSeconds(24 * 3600) : today;
  }

  @Override
  public void run() {
    started = true;
    try {
      SimulationListener toKafka = new KafkaListener();
      // warm-up emits no events: play it at once, so traffic shows from the first second
      long start = simulation.settings().start().toEpochMilli();
      if (simulation.now() < start) {
        simulation.advanceTo(start, toKafka);
      }
      long wallAnchor = clock.millis();
      long simAnchor = simulation.now();
      long scenarioEnd = simulation.scenarioEnd().toEpochMilli();
      boolean realTime = false;
      while (closing.getCount() > 0 && failure.get() == null && (endTime == null || simulation.now() < endTime.toEpochMilli())) {
        long wall = clock.millis();
        if (!realTime && simulation.now() >= scenarioEnd) {
          realTime = true;
          wallAnchor = wall;
          simAnchor = simulation.now();
        }
        long target = targetSimMillis(realTime ? 1.0 : speedFactor, simAnchor, wallAnchor, wall, simulation.now());
        if (!realTime) {
          target = Math.min(target, scenarioEnd);
        }
        target = Math.min(target, wall);
        if (endTime != null) {
          target = Math.min(target, endTime.toEpochMilli());
        }
        if (target >= simulation.now() + 1000) {
          simulation.advanceTo(target, toKafka);
        } else {
          closing.await(IDLE_WAIT_MS, TimeUnit.MILLISECONDS);
        }
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      finished.countDown();
    }
    Exception error = failure.get();
    if (error != null) {
      throw new IllegalStateException("producing simulator events failed for " + failed.get() + " of " + sent.get()
          + " events; first error: " + error.getMessage(), error);
    }
  }

  /** Where the simulation should be at wall time {@code wall}: anchored pacing, or a chunk ahead when unpaced. */
  static long targetSimMillis(double speedFactor, long simAnchor, long wallAnchor, long wall, long simNow) {
    if (speedFactor == 0) {
      return simNow + FAST_CHUNK_MS;
    }
    return simAnchor + (long) ((wall - wallAnchor) * speedFactor);
  }

  /** Events acknowledged by Kafka. */
  public long eventsProduced() {
    return produced.get();
  }

  /** The first send error, if any. */
  public java.util.Optional<Exception> failure() {
    return java.util.Optional.ofNullable(failure.get());
  }

  /** Stops the run (waiting up to 30 s for it to flush) if it was started; idempotent. */
  @Override
  public void close() {
    closing.countDown();
    if (started) {
      try {
        if (!finished.await(30, TimeUnit.SECONDS)) {
          LOG.warn("simulator did not stop within 30 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private final class KafkaListener implements SimulationListener {
    private final Callback callback = (metadata, exception) -> {
      if (exception == null) {
        produced.incrementAndGet();
      } else {
        failed.incrementAndGet();
        if (failure.compareAndSet(null, exception)) {
          LOG.error("producing a simulator event failed; stopping the simulator", exception);
        }
      }
    };

    @Override
    public void onReading(SensorReading r) {
      send(readingsTopic, r.time(), r.sensorId(), codec.encode(r));
    }

    @Override
    public void onPosition(ProbePosition p) {
      send(positionsTopic, p.time(), p.vehicleId(), codec.encode(p));
    }

    /**
     * The Kafka timestamp is left to the producer (now), on purpose: event time travels in the payload, and a
     * record stamped with an event time days old would be deleted at once by the topic's time-based retention.
     */
    private void send(String topic, long time, String key, byte[] value) {
      if (failure.get() != null) {
        // the run is over (run() reports the failure); sending more would only wait on a broker that is gone
        return;
      }
      sent.incrementAndGet();
      producer.send(new ProducerRecord<>(topic, key, value), callback);
    }
  }
}
