package io.roadstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.TestPostgres;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code roadstream bench pipeline} end to end, small (five simulated minutes, one rate, both guarantees), against
 * a real broker and the machine's PostgreSQL: the harness is what is tested — every window it measured reached both
 * destinations, its percentiles are ordered, it kept to the rate asked (a fraction of the job's sustained rate), and
 * it wrote its table and its plot.
 */
@ExtendWith(KafkaTestBroker.class)
class PipelineBenchCommandIT {

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void measuresEveryWindowAtEachGuaranteeAndPlotsThem(EmbeddedKafkaBroker broker, @TempDir Path out)
      throws Exception {
    StringWriter output = new StringWriter();
    CommandLine cli = Roadstream.commandLine();
    cli.setOut(new PrintWriter(output, true));
    int exit;
    try (TestPostgres db = TestPostgres.freshSchema("bench_pipeline")) {
      // on so small an input (240 k events, a job over in a second or two) the sustained rate is wild: 60 k – 650 k
      // events/s seen. A tenth of it, 6 k – 65 k events/s, outlasts the 2 s warm-up and closes a one-minute window
      // (802 simulated events a second) every 0.7 – 8 s of the 20 s measured
      exit = cli.execute("bench", "pipeline", "--simulated", "PT5M", "--runs", "1", "--warm-up-runs", "0", "--fractions", "0.1",
          "--warm-up", "PT2S", "--measure", "PT20S", "--kafka", broker.bootstrapServers(), "--out", out.toString(),
          "--schema", db.schema(), "--set", "postgres.jdbcUrl=" + TestPostgres.JDBC_URL,
          "--set", "postgres.user=" + TestPostgres.USER, "--set", "postgres.password=" + TestPostgres.PASSWORD);
    }
    System.out.println(output);
    assertThat(exit).isZero();
    assertThat(output.toString()).as("the throughput runs print sustained rates beside whole-run ones")
        .containsPattern("run 1: pass-through [\\d,]+ events/s \\(sustained [\\d,]+\\) · job [\\d,]+ events/s "
            + "\\(sustained [\\d,]+, ")
        .contains("sustained job / pass-through ", "whole runs: ");

    List<String> lines = Files.readAllLines(out.resolve("pipeline-latency.csv"));
    List<String> header = Arrays.asList(lines.get(0).split(","));
    List<Map<String, String>> rows = lines.subList(1, lines.size()).stream().map(line -> {
      String[] cells = line.split(",");
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < cells.length; i++) {
        row.put(header.get(i), cells[i]);
      }
      return row;
    }).toList();
    assertThat(rows).extracting(r -> r.get("guarantee")).containsExactly("at-least-once", "exactly-once");
    for (Map<String, String> row : rows) {
      String which = row.get("guarantee");
      for (String rate : List.of("job_sustained_rate", "passthrough_sustained_rate", "job_max_rate",
          "passthrough_rate")) {
        assertThat(Double.parseDouble(row.get(rate))).as(which + ": " + rate).isFinite().isPositive();
      }
      double target = Double.parseDouble(row.get("target_rate"));
      assertThat(target).as(which + ": a tenth of the job's sustained rate")
          .isCloseTo(Double.parseDouble(row.get("job_sustained_rate")) / 10, org.assertj.core.data.Offset.offset(1.0));
      assertThat(Double.parseDouble(row.get("sent_rate"))).as(which + ": sent at the rate asked")
          .isBetween(0.9 * target, 1.05 * target);
      long windows = Long.parseLong(row.get("kafka_windows"));
      assertThat(windows).as(which + ": windows measured").isPositive();
      assertThat(Long.parseLong(row.get("pg_windows"))).as(which + ": each also found in PostgreSQL").isEqualTo(windows);
      assertThat(row.get("not_in_pg")).isEqualTo("0");
      assertThat(Long.parseLong(row.get("checkpoints"))).as(which + ": the job checkpointed during the run").isPositive();
      for (String destination : List.of("kafka", "pg")) {
        long p50 = Long.parseLong(row.get(destination + "_p50_ms"));
        long p99 = Long.parseLong(row.get(destination + "_p99_ms"));
        long max = Long.parseLong(row.get(destination + "_max_ms"));
        assertThat(p50).as(which + " " + destination + " p50 ≤ p99 ≤ max").isPositive().isLessThanOrEqualTo(p99);
        assertThat(p99).isLessThanOrEqualTo(max);
      }
    }

    BufferedImage plot = ImageIO.read(out.resolve("pipeline-latency.png").toFile());
    assertThat(plot).as("a PNG image").isNotNull();
    assertThat(plot.getWidth()).isEqualTo(1000);
    assertThat(plot.getHeight()).isEqualTo(620);
  }
}
