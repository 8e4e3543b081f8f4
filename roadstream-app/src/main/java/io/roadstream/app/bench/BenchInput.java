package io.roadstream.app.bench;

import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.ingest.simulator.ScenarioLoader;
import io.roadstream.ingest.simulator.SimulationSettings;
import java.time.Duration;
import java.time.Instant;

/**
 * The simulator traffic both {@code roadstream bench} and {@code bench pipeline} run on: the configured scenario
 * (the morning peak on metroville by default) from 06:45, with its demand scaled and probes reporting more often
 * than in the demo, so that an hour holds several million events.
 *
 * @param simulated     how much simulated time to record
 * @param demandScale   the simulator's demand multiplier
 * @param probeInterval seconds between one probe vehicle's reports
 */
public record BenchInput(Duration simulated, double demandScale, int probeInterval) {

  static final Instant START = Instant.parse("2026-11-26T06:45:00Z");

  public RecordedTraffic record(RoadstreamConfig cfg, RoadNetwork network) {
    SimulationSettings settings = SimulationSettings.defaults(START).withDemandScale(demandScale)
        .withProbeIntervalS(probeInterval).withSeed(cfg.simulator().seed());
    return RecordedTraffic.simulate(network, new ScenarioLoader().load(cfg.simulator().scenario()), settings,
        simulated);
  }

  public String describe() {
    return String.format("%s of simulated traffic (demand ×%.1f, probes every %d s)", simulated, demandScale,
        probeInterval);
  }
}
