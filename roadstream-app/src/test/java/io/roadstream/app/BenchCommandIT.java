package io.roadstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.app.bench.BenchInput;
import io.roadstream.app.bench.SustainedRate;
import io.roadstream.app.bench.ThroughputRuns;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code roadstream bench}'s throughput runs, small (five simulated minutes, a warm-up run and one measured run),
 * against a real broker: the warm-up is printed and left out; each rate comes with a sustained one whose 10 % and 90 %
 * moments lie, in order, inside its run, and the windows counted are those the job committed. Nothing is asserted
 * about sustained against whole-run rates: the sustained rate is usually the higher, but a run can stall in its
 * middle.
 */
@ExtendWith(KafkaTestBroker.class)
class BenchCommandIT {

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void measuresSustainedRatesInsideEachRun(EmbeddedKafkaBroker broker, @TempDir Path workDir) throws Exception {
    StringWriter output = new StringWriter();
    String prefix = KafkaTestClients.uniqueName("bench") + ".";
    BenchCommand.Measured measured = BenchCommand.measureThroughput(new ConfigOptions(), broker.bootstrapServers(),
        prefix, new BenchInput(Duration.ofMinutes(5), 2.0, 2), new ThroughputRunOptions(1, 1), workDir,
        new PrintWriter(output, true));
    System.out.println(output);

    long events = measured.traffic().size();
    assertThat(measured.result().runs()).hasSize(1);
    ThroughputRuns.Run run = measured.result().runs().get(0);
    assertThat(run.passThrough()).isFinite().isPositive();
    assertThat(run.job()).isFinite().isPositive();
    assertWithinItsRun("pass-through", run.passThroughSustained(), events, run.passThrough());
    assertWithinItsRun("job", run.jobSustained(), events, run.job());
    assertThat(run.sustainedRatio()).isFinite().isPositive();

    try (KafkaTestClients kafka = new KafkaTestClients(broker.bootstrapServers())) {
      int committed = kafka.readToEnd(prefix + "segment-stats", Duration.ofSeconds(30), IsolationLevel.READ_COMMITTED)
          .size();
      // the warm-up run's job went over the same input into the same topic: it committed as many as the measured one
      assertThat(run.windows()).as("the segment-stats windows the measured run committed").isPositive();
      assertThat(committed).as("windows of the warm-up and the measured run").isEqualTo(2 * run.windows());
    }
    assertThat(output.toString())
        .contains("warm-up 1: pass-through").contains("run 1: pass-through")
        .contains(String.format("(sustained %,.0f)", run.passThroughSustained().rate()))
        .contains(String.format("ratio %.2f (sustained %.2f)", run.ratio(), run.sustainedRatio()))
        .contains(String.format("sustained job / pass-through %.2f", measured.result().sustainedRatio()))
        .contains(String.format("whole runs: Kafka pass-through %,.0f events/s", measured.result().passThrough()));
  }

  /** 10 % then 90 % of the input, both read within the run that the whole-run rate timed. */
  private static void assertWithinItsRun(String which, SustainedRate sustained, long events, double wholeRate) {
    assertThat(sustained.fromCount()).as(which + ": 10 % of the input").isEqualTo((events + 9) / 10);
    assertThat(sustained.toCount()).as(which + ": 90 % of the input").isEqualTo((9 * events + 9) / 10);
    assertThat(sustained.fromNanos()).as(which + ": 10 % read after the run started").isPositive()
        .isLessThan(sustained.toNanos());
    double runNanos = events * 1e9 / wholeRate;
    assertThat((double) sustained.toNanos()).as(which + ": 90 % read before the run ended")
        .isLessThanOrEqualTo(runNanos + 1);
    assertThat(sustained.rate()).as(which + ": sustained rate").isFinite().isPositive();
  }
}
