package io.roadstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.linearroad.LinearRoadAnswers;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.testkit.KafkaTestBroker;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * {@code roadstream bench linear-road} end to end, small: the first 3 minutes of the 30-minute file widened to 2
 * expressways at ×20 (about 9 s of input), against a real broker, the job on its own MiniCluster. The harness itself is
 * what is tested: that both copies' answers all come back and match the validator's, as the command reports.
 */
@ExtendWith(KafkaTestBroker.class)
class LinearRoadBenchCommandIT {

  private static final Path DATA = Path.of("../../shared/data/linear-road");

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void reportsEveryAnswerOfEveryExpresswayMatched(EmbeddedKafkaBroker broker) throws Exception {
    StringWriter output = new StringWriter();
    CommandLine cli = Roadstream.commandLine();
    cli.setOut(new PrintWriter(output, true));

    int exit = cli.execute("bench", "linear-road", "--xways", "2", "--minutes", "3", "--compress", "20",
        "--data", DATA.toString(), "--kafka", broker.bootstrapServers(), "--reference-records", "20000");

    String out = output.toString();
    System.out.println(out);
    String row = out.lines().filter(l -> l.startsWith("| 2 | 20 |")).reduce((first, last) -> last)
        .orElseThrow(() -> new AssertionError("no result row for N=2 in:\n" + out));
    List<String> cells = Arrays.stream(row.split("\\|")).map(String::strip).toList();
    // | N | × | peak | answers | matched | latency max | p99 | p50 | since due | input lag | pass-through | run s | holds |
    assertThat(cells.get(4)).as("answers").isEqualTo(String.format("%,d", 2 * expectedAnswersBefore(180)));
    assertThat(cells.get(5)).as("matched").isEqualTo("100.00 %");
    assertThat(out).as("no differences reported").doesNotContain("differences").doesNotContain("wrong, missing");
    assertThat(exit).as("exit code says whether the run held: %s", cells.get(13))
        .isEqualTo(cells.get(13).equals("yes") ? 0 : 1);
  }

  /** Answers in the validator's file for the first {@code seconds}, a balance (types 2 and 5) counted once. */
  private static long expectedAnswersBefore(int seconds) throws Exception {
    long n = 0;
    try (BufferedReader in = LinearRoadAnswers.lines(DATA.resolve("lr-1x-30min.expected-out.txt.gz"))) {
      String line;
      while ((line = in.readLine()) != null) {
        String[] f = line.split(",");
        int time = Integer.parseInt(f[0].equals("0") ? f[2] : f[1]);
        if (!f[0].equals("5") && time < seconds) {
          n++;
        }
      }
    }
    return n;
  }
}
