package io.roadstream.app;

import io.roadstream.app.bench.BenchInput;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The simulator traffic a benchmark records: the options {@code bench} and {@code bench pipeline} share. */
public final class BenchInputOptions {

  @Option(names = "--simulated", description = "simulated traffic to generate (default: ${DEFAULT-VALUE})",
      defaultValue = "PT60M")
  Duration simulated;

  @Option(names = "--demand-scale", description = "simulator demand multiplier (default: ${DEFAULT-VALUE})",
      defaultValue = "2.0")
  double demandScale;

  @Option(names = "--probe-interval", description = "seconds between probe reports (default: ${DEFAULT-VALUE})",
      defaultValue = "2")
  int probeInterval;

  BenchInput input() {
    return new BenchInput(simulated, demandScale, probeInterval);
  }
}
