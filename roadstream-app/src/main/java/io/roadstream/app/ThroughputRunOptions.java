package io.roadstream.app;

import picocli.CommandLine.Option;

/**
 * How many throughput runs a benchmark makes: the options {@code bench} and {@code bench pipeline} share. The warm-up
 * runs come first and are printed but left out of the medians: the first runs in a fresh JVM measure its JIT and the
 * page cache warming up (on a quiet machine the pass-through's own rate doubled over the first four runs), not the
 * steady rates a job that runs for days reaches; the reference warms up the same way as the job.
 */
public final class ThroughputRunOptions {

  @Option(names = "--runs", defaultValue = "3",
      description = "measured runs of the job and the pass-through over the same input (default: ${DEFAULT-VALUE})")
  int runs;

  @Option(names = "--warm-up-runs", defaultValue = "1",
      description = "runs before those, printed but not counted in the medians (default: ${DEFAULT-VALUE})")
  int warmUpRuns;

  ThroughputRunOptions() {}

  ThroughputRunOptions(int warmUpRuns, int runs) {
    this.warmUpRuns = warmUpRuns;
    this.runs = runs;
  }
}
