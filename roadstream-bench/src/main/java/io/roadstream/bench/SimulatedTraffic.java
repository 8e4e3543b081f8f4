package io.roadstream.bench;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.ingest.simulator.ScenarioLoader;
import io.roadstream.ingest.simulator.SimulationListener;
import io.roadstream.ingest.simulator.SimulationSettings;
import io.roadstream.ingest.simulator.TrafficSimulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmarks' input: a stretch of the morning-peak scenario on metroville, as {@code roadstream bench} generates
 * it (demand ×2, probes every 2 s), kept both as records and as the JSON bytes the job reads from Kafka.
 */
final class SimulatedTraffic {

  static final Instant START = Instant.parse("2026-11-26T07:30:00Z");

  final RoadNetwork network;
  final List<SensorReading> readings = new ArrayList<>();
  final List<ProbePosition> positions = new ArrayList<>();
  final List<byte[]> readingBytes = new ArrayList<>();
  final List<byte[]> positionBytes = new ArrayList<>();

  private SimulatedTraffic(RoadNetwork network) {
    this.network = network;
  }

  /** {@code simulated} of traffic starting at {@link #START}, after a warm-up that fills the roads. */
  static SimulatedTraffic generate(Duration simulated) {
    RoadNetwork network = new RoadNetworkLoader().load(RoadNetworkLoader.METROVILLE);
    Instant warmUpStart = START.minus(Duration.ofMinutes(15));
    TrafficSimulation simulation = new TrafficSimulation(network,
        new ScenarioLoader().load(ScenarioLoader.MORNING_PEAK),
        SimulationSettings.defaults(warmUpStart).withDemandScale(2.0).withProbeIntervalS(2).withSeed(42));
    simulation.advanceTo(START.toEpochMilli(), new SimulationListener() {
      @Override
      public void onReading(SensorReading reading) { }

      @Override
      public void onPosition(ProbePosition position) { }
    });
    SimulatedTraffic traffic = new SimulatedTraffic(network);
    EventCodec codec = new EventCodec();
    simulation.advanceTo(START.plus(simulated).toEpochMilli(), new SimulationListener() {
      @Override
      public void onReading(SensorReading reading) {
        traffic.readings.add(reading);
        traffic.readingBytes.add(codec.encode(reading));
      }

      @Override
      public void onPosition(ProbePosition position) {
        traffic.positions.add(position);
        traffic.positionBytes.add(codec.encode(position));
      }
    });
    if (traffic.readings.isEmpty() || traffic.positions.isEmpty()) {
      throw new IllegalStateException("the simulation produced no readings or no positions");
    }
    return traffic;
  }
}
