package io.roadstream.app;

import io.roadstream.app.bench.LRatingSearch;
import io.roadstream.app.bench.LinearRoadBenchRun;
import io.roadstream.app.bench.LinearRoadRows;
import io.roadstream.app.runtime.Directories;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.embedded.KafkaLogLevels;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code roadstream bench linear-road}: the Linear Road benchmark with Kafka in the loop. The input is widened to N
 * independent expressways and replayed into Kafka at its own clock compressed by a factor; the Linear Road job answers
 * on a MiniCluster; every answer is checked against the validator's and its latency against 5 s. With
 * {@code --search}, the largest N that holds: the L-rating at that compression.
 */
@Command(name = "linear-road", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs the Linear Road benchmark through Kafka and the Linear Road job, widened to N expressways.",
        "Each run replays the input at its own clock ×F into an embedded broker, checks every answer against the "
            + "validator's and its latency (append time on the answers topic − when its input row was sent) "
            + "against 5 s, and measures a plain Kafka pass-through of the same input beside it.",
        "Example: roadstream bench linear-road --search --compress 10"})
public final class LinearRoadBenchCommand implements Callable<Integer> {

  /** The standard 3-hour, one-expressway run's busiest minute, rows per second (SOURCE.md). */
  static final double STANDARD_PEAK_ROWS_PER_SECOND = 2885;

  @Mixin ConfigOptions config;

  @Spec CommandSpec spec;

  @Option(names = "--xways", paramLabel = "N", defaultValue = "1",
      description = "expressways: copies of the input (default: ${DEFAULT-VALUE}; with --search, where it starts)")
  int xways;

  @Option(names = "--search", description = "find the largest N that holds (doubling, then bisecting)")
  boolean search;

  @Option(names = "--max-xways", paramLabel = "N", defaultValue = "256",
      description = "--search goes no higher (default: ${DEFAULT-VALUE})")
  int maxXways;

  @Option(names = "--compress", paramLabel = "F", defaultValue = "10",
      description = "replay at the input's own clock ×F: 30 simulated minutes take 30/F wall minutes "
          + "(default: ${DEFAULT-VALUE}; the standard is 1)")
  double compress;

  @Option(names = "--minutes", paramLabel = "M", defaultValue = "30",
      description = "replay the input's first M simulated minutes (default: ${DEFAULT-VALUE})")
  int minutes;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "../shared/data/linear-road",
      description = "where lr-1x-30min.{dat.gz,expected-out.txt.gz,matchTollsOnly.dat} are "
          + "(default: ${DEFAULT-VALUE})")
  Path data;

  @Option(names = "--input", paramLabel = "FILE", description = "the input (default: DIR/lr-1x-30min.dat.gz)")
  Path input;

  @Option(names = "--expected", paramLabel = "FILE",
      description = "the validator's answers (default: DIR/lr-1x-30min.expected-out.txt.gz)")
  Path expected;

  @Option(names = "--tolls", paramLabel = "FILE",
      description = "toll history for type-3 queries, VID,Day,XWay,Toll (default: DIR/lr-1x-30min.matchTollsOnly.dat)")
  Path tolls;

  @Option(names = "--abort-after", paramLabel = "DURATION", defaultValue = "PT30S",
      description = "give a run up once its answers trail the input this long (default: ${DEFAULT-VALUE})")
  Duration abortAfter;

  @Option(names = "--reference-records", paramLabel = "N", defaultValue = "5000000",
      description = "input records the Kafka pass-through reference moves per run, at most (default: "
          + "${DEFAULT-VALUE})")
  long referenceRecords;

  @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "an existing Kafka instead of an embedded broker")
  String kafka;

  @Override
  public Integer call() throws Exception {
    KafkaLogLevels.quietUnlessConfigured();
    PrintWriter out = spec.commandLine().getOut();
    validate();
    Path inputFile = input != null ? input : data.resolve("lr-1x-30min.dat.gz");
    Path expectedFile = expected != null ? expected : data.resolve("lr-1x-30min.expected-out.txt.gz");
    Path tollFile = tolls != null ? tolls : data.resolve("lr-1x-30min.matchTollsOnly.dat");
    for (Path f : List.of(inputFile, expectedFile, tollFile)) {
      if (!Files.isReadable(f)) {
        throw new IllegalArgumentException("cannot read " + f + " (see --data, --input, --expected, --tolls)");
      }
    }
    LinearRoadRows rows = LinearRoadRows.load(inputFile, minutes);
    describe(out, inputFile, rows);

    Path dir = Files.createTempDirectory("roadstream-bench-lr");
    EmbeddedKafkaBroker broker = null;
    try {
      String bootstrap = kafka;
      if (bootstrap == null) {
        broker = new EmbeddedKafkaBroker(dir.resolve("kafka")).start();
        bootstrap = broker.bootstrapServers();
      }
      String id = UUID.randomUUID().toString().substring(0, 6);
      String kafkaAddress = bootstrap;
      List<LinearRoadBenchRun.Result> results = new ArrayList<>();
      java.util.function.IntPredicate holds = n -> {
        LinearRoadBenchRun.Result r = runOnce(out, kafkaAddress, id, n, rows, expectedFile, tollFile, dir);
        results.add(r);
        out.printf("  N=%d: %s%n", n, r.holds() ? "holds" : "does not hold: " + r.verdict());
        out.println("  " + row(r));
        if (!r.problems().isEmpty()) {
          out.println(indent(r.problems()));
        }
        out.flush();
        return r.holds();
      };
      int rating = search ? LRatingSearch.search(xways, maxXways, holds) : (holds.test(xways) ? xways : 0);
      printTable(out, results);
      if (search) {
        printRating(out, rows, rating, results);
      }
      return search || results.get(0).holds() ? 0 : 1;
    } finally {
      if (broker != null) {
        broker.close();
      }
      Directories.deleteRecursively(dir);
    }
  }

  private void validate() {
    if (xways < 1) {
      throw new IllegalArgumentException("--xways must be at least 1, was " + xways);
    }
    if (compress <= 0) {
      throw new IllegalArgumentException("--compress must be positive, was " + compress);
    }
    if (minutes < 1) {
      throw new IllegalArgumentException("--minutes must be at least 1, was " + minutes);
    }
    if (search && maxXways < xways) {
      throw new IllegalArgumentException("--max-xways " + maxXways + " is below --xways " + xways);
    }
    if (abortAfter.toMillis() <= 5000) {
      throw new IllegalArgumentException("--abort-after must be longer than the 5 s an answer may take");
    }
    if (referenceRecords < 1) {
      throw new IllegalArgumentException("--reference-records must be at least 1");
    }
  }

  private LinearRoadBenchRun.Result runOnce(PrintWriter out, String bootstrap, String id, int n, LinearRoadRows rows,
      Path expectedFile, Path tollFile, Path dir) {
    String name = "lrbench-" + id + "-n" + n;
    Map<String, String> extra = new HashMap<>();
    extra.put("kafka.bootstrap", bootstrap);
    extra.put("kafka.topicPrefix", name + ".");
    extra.put("pipeline.jobName", name);
    extra.put("pipeline.checkpointDir", dir.resolve("checkpoints-" + n).toString());
    if (!config.overrides.containsKey("pipeline.deliveryGuarantee")) {
      extra.put("pipeline.deliveryGuarantee", "at-least-once");
    }
    RoadstreamConfig cfg = config.load(extra);
    if (cfg.pipeline().deliveryGuarantee().equals("exactly-once")) {
      throw new IllegalArgumentException("pipeline.deliveryGuarantee=exactly-once: answers would become readable only "
          + "at checkpoints, after the append time the latency is measured to; use at-least-once or none");
    }
    out.printf("%nrun: %d expressway%s at ×%s (parallelism %d, %s, checkpoints every %d s)%n", n, n == 1 ? "" : "s",
        LinearRoadBenchRun.format(compress), cfg.pipeline().parallelism(), cfg.pipeline().deliveryGuarantee(),
        cfg.pipeline().checkpointIntervalSeconds());
    out.flush();
    try {
      return new LinearRoadBenchRun(new LinearRoadBenchRun.Settings(cfg, rows, expectedFile, tollFile, compress, dir,
          abortAfter.toMillis(), referenceRecords, out)).run(n);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("run at " + n + " expressways failed: " + e.getMessage(), e);
    }
  }

  private void describe(PrintWriter out, Path inputFile, LinearRoadRows rows) {
    int busiest = rows.busiestMinute();
    double perXwayPeak = rows.rowsInMinute(busiest) / Math.min(60.0, rows.seconds() - busiest * 60);
    double compressedPeak = perXwayPeak * compress;
    out.printf("Linear Road with Kafka in the loop, %s, machine: %d cores, %s%n", LocalDate.now(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"));
    out.printf("input: %s, its first %d simulated minutes (%,d rows, %d expressway%s), replayed at its own clock ×%s: "
            + "%d simulated minutes in %.1f wall minutes%n", inputFile.getFileName(), rows.seconds() / 60, rows.rows(),
        rows.xways(), rows.xways() == 1 ? "" : "s", LinearRoadBenchRun.format(compress), rows.seconds() / 60,
        rows.seconds() / 60.0 / compress);
    out.printf("rate: its busiest minute (%d) has %,.0f rows/s per expressway at real time, ×%s = %,.0f rows/s: %.2f × "
            + "the standard 3-hour run's peak (%,.0f rows/s per expressway at real time)%n", busiest, perXwayPeak,
        LinearRoadBenchRun.format(compress), compressedPeak, compressedPeak / STANDARD_PEAK_ROWS_PER_SECOND,
        STANDARD_PEAK_ROWS_PER_SECOND);
    out.println("latency: the answer's append time on the answers topic (LogAppendTime) − when the first row of its "
        + "expressway's second was handed to the producer; a run holds if every answer matches the validator's, none "
        + "is missing or extra, and every one is within 5 s of when its row was due by the schedule (the latency plus "
        + "however late the feeder was)");
    out.flush();
  }

  private static void printTable(PrintWriter out, List<LinearRoadBenchRun.Result> results) {
    out.println();
    out.println(HEADER);
    out.println("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (LinearRoadBenchRun.Result r : results) {
      out.println(row(r));
    }
    out.flush();
  }

  static final String HEADER = "|  N | × | peak rows/s (schedule / sent) | answers | matched | latency max | p99 | p50 "
      + "| max since due | input lag max | Kafka pass-through rows/s | run s | holds |";

  private static String row(LinearRoadBenchRun.Result r) {
    return String.format("| %d | %s | %,.0f / %,.0f | %,d | %.2f %% | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s | %,.0f "
            + "| %.0f | %s |", r.xways(), LinearRoadBenchRun.format(r.compression()), r.peakRowsPerSecond(),
        r.achievedPeakRowsPerSecond(), r.answers(), r.matchedPercent(), r.maxLatencyMs() / 1000.0,
        r.p99LatencyMs() / 1000.0, r.p50LatencyMs() / 1000.0, r.maxSinceDueMs() / 1000.0,
        r.feederMaxLagMs() / 1000.0, r.passThroughRowsPerSecond(), r.seconds(), r.holds() ? "yes" : "no: " + r.verdict());
  }

  private void printRating(PrintWriter out, LinearRoadRows rows, int rating, List<LinearRoadBenchRun.Result> results) {
    out.println();
    if (rating == 0) {
      out.printf("L-rating at ×%s: none — not even 1 expressway holds%n", LinearRoadBenchRun.format(compress));
      out.flush();
      return;
    }
    LinearRoadBenchRun.Result best = results.stream().filter(r -> r.xways() == rating).findFirst().orElseThrow();
    double equivalent = best.peakRowsPerSecond() / STANDARD_PEAK_ROWS_PER_SECOND;
    out.printf("L-rating at ×%s over %d simulated minutes: %d expressways (peak %,.0f rows/s, %.0f %% of the Kafka "
            + "pass-through measured in that run)%n", LinearRoadBenchRun.format(compress), rows.seconds() / 60,
        rating, best.peakRowsPerSecond(), 100 * best.peakRowsPerSecond() / best.passThroughRowsPerSecond());
    out.printf("by peak input rate that is L = %.1f against the standard run at real time (%,.0f rows/s per "
        + "expressway)%n", equivalent, STANDARD_PEAK_ROWS_PER_SECOND);
    out.flush();
  }

  private static String indent(String text) {
    return "    " + text.replace("\n", "\n    ");
  }
}
