package io.roadstream.app.bench;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.Topics;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.ingest.simulator.Scenario;
import io.roadstream.ingest.simulator.SimulationListener;
import io.roadstream.ingest.simulator.SimulationSettings;
import io.roadstream.ingest.simulator.TrafficSimulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Simulator traffic generated once and held in memory, encoded as the simulator sends it, in the order it was
 * emitted: every run of a benchmark sends the same events, and generating them costs no CPU while a run is measured.
 * About 300 bytes an event on the heap (six million for the default hour).
 */
public final class RecordedTraffic {

  /** One raw event: a reading (else a position), its Kafka key, its encoded value, its event time. */
  public record Event(boolean reading, String key, byte[] value, long eventTime) {

    /** The record as the simulator produces it; Kafka's timestamp is left to the producer, as the simulator does. */
    public ProducerRecord<String, byte[]> toRecord(Topics topics) {
      return new ProducerRecord<>(reading ? topics.readings() : topics.positions(), key, value);
    }
  }

  private final List<Event> events;
  private final long simulatedMillis;

  private RecordedTraffic(List<Event> events, long simulatedMillis) {
    this.events = events;
    this.simulatedMillis = simulatedMillis;
  }

  /** Runs the simulation for {@code simulated} from the settings' start and keeps every reading and position. */
  public static RecordedTraffic simulate(RoadNetwork network, Scenario scenario, SimulationSettings settings,
      Duration simulated) {
    TrafficSimulation simulation = new TrafficSimulation(network, scenario, settings);
    EventCodec codec = new EventCodec();
    List<Event> events = new ArrayList<>();
    simulation.advanceTo(settings.start().plus(simulated).toEpochMilli(), new SimulationListener() {
      @Override
      public void onReading(SensorReading r) {
        events.add(new Event(true, r.sensorId(), codec.encode(r), r.time()));
      }

      @Override
      public void onPosition(ProbePosition p) {
        events.add(new Event(false, p.vehicleId(), codec.encode(p), p.time()));
      }
    });
    return new RecordedTraffic(List.copyOf(events), simulated.toMillis());
  }

  /**
   * Sends every event to Kafka as fast as the producer takes them and waits until all are acknowledged.
   *
   * @throws IllegalStateException if Kafka refused one
   */
  public void sendAll(KafkaProducer<String, byte[]> producer, Topics topics) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    for (Event event : events) {
      producer.send(event.toRecord(topics), (metadata, e) -> {
        if (e != null) {
          failure.compareAndSet(null, e);
        }
      });
    }
    producer.flush();
    if (failure.get() != null) {
      throw new IllegalStateException("Kafka refused an event: " + failure.get(), failure.get());
    }
  }

  public int size() {
    return events.size();
  }

  public Event get(int index) {
    return events.get(index);
  }

  public List<Event> events() {
    return events;
  }

  /** Events per simulated second on average: at R events/s, simulated time runs R / this times faster than real. */
  public double eventsPerSimulatedSecond() {
    return events.size() * 1000.0 / simulatedMillis;
  }
}
