package io.roadstream.ingest.simulator;

import io.roadstream.core.network.RoadClass;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * How a {@link TrafficSimulation} runs. The event rate scales with {@code demandScale} (vehicles in the network) and
 * with the report intervals.
 *
 * @param seed              all randomness derives from it: same seed and settings, same events
 * @param probeIntervalS    each vehicle reports its position every this many seconds (at its own seeded phase)
 * @param detectorIntervalS each detector reports every this many seconds, aligned to multiples of the interval
 * @param demandScale       multiplies every entry's demand
 * @param start             the instant at which the scenario starts (its start time of day happens here)
 * @param warmUp            simulated before {@code start} without events, so the network is not empty at the start
 * @param entryDemand       vehicles per hour entering at each boundary entry at multiplier 1, by the entry's road class
 */
public record SimulationSettings(
    long seed,
    int probeIntervalS,
    int detectorIntervalS,
    double demandScale,
    Instant start,
    Duration warmUp,
    Map<RoadClass, Double> entryDemand) {

  public static final Map<RoadClass, Double> DEFAULT_ENTRY_DEMAND = Map.of(
      RoadClass.MOTORWAY, 4000.0, RoadClass.EXPRESSWAY, 2000.0, RoadClass.ARTERIAL, 700.0, RoadClass.COLLECTOR, 300.0);

  public SimulationSettings {
    if (probeIntervalS < 1) {
      throw new IllegalArgumentException("probeIntervalS must be at least 1, got " + probeIntervalS);
    }
    if (detectorIntervalS < 1) {
      throw new IllegalArgumentException("detectorIntervalS must be at least 1, got " + detectorIntervalS);
    }
    if (!(demandScale >= 0) || Double.isInfinite(demandScale)) {
      throw new IllegalArgumentException("demandScale must be a number of at least 0, got " + demandScale);
    }
    if (start == null) {
      throw new IllegalArgumentException("start is required");
    }
    if (warmUp == null || warmUp.isNegative()) {
      throw new IllegalArgumentException("warmUp must be zero or positive, got " + warmUp);
    }
    Map<RoadClass, Double> demand = new EnumMap<>(DEFAULT_ENTRY_DEMAND);
    if (entryDemand != null) {
      demand.putAll(entryDemand);
    }
    demand.forEach((roadClass, rate) -> {
      if (rate == null || !(rate >= 0) || Double.isInfinite(rate)) {
        throw new IllegalArgumentException("entryDemand." + roadClass + " must be at least 0, got " + rate);
      }
    });
    entryDemand = Map.copyOf(demand);
  }

  /** Seed 42, probes every 10 s, detectors every 30 s, demand scale 1, 15 minutes of warm-up. */
  public static SimulationSettings defaults(Instant start) {
    return new SimulationSettings(42, 10, 30, 1.0, start, Duration.ofMinutes(15), DEFAULT_ENTRY_DEMAND);
  }

  public SimulationSettings withSeed(long value) {
    return new SimulationSettings(value, probeIntervalS, detectorIntervalS, demandScale, start, warmUp, entryDemand);
  }

  public SimulationSettings withProbeIntervalS(int value) {
    return new SimulationSettings(seed, value, detectorIntervalS, demandScale, start, warmUp, entryDemand);
  }

  public SimulationSettings withDetectorIntervalS(int value) {
    return new SimulationSettings(seed, probeIntervalS, value, demandScale, start, warmUp, entryDemand);
  }

  public SimulationSettings withDemandScale(double value) {
    return new SimulationSettings(seed, probeIntervalS, detectorIntervalS, value, start, warmUp, entryDemand);
  }

  public SimulationSettings withStart(Instant value) {
    return new SimulationSettings(seed, probeIntervalS, detectorIntervalS, demandScale, value, warmUp, entryDemand);
  }

  public SimulationSettings withWarmUp(Duration value) {
    return new SimulationSettings(seed, probeIntervalS, detectorIntervalS, demandScale, start, value, entryDemand);
  }

  public SimulationSettings withEntryDemand(Map<RoadClass, Double> value) {
    return new SimulationSettings(seed, probeIntervalS, detectorIntervalS, demandScale, start, warmUp, value);
  }

  /** Vehicles per hour entering at one boundary entry of this road class, before the scenario's multiplier. */
  public double entryDemandVehPerHour(RoadClass roadClass) {
    return entryDemand.getOrDefault(roadClass, 0.0) * demandScale;
  }
}
