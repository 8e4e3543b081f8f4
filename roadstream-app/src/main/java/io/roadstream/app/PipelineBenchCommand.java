package io.roadstream.app;

import io.roadstream.app.bench.LatencyPlot;
import io.roadstream.app.bench.LatencyPoint;
import io.roadstream.app.bench.LatencyRun;
import io.roadstream.app.runtime.Directories;
import io.roadstream.app.runtime.Stack;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.embedded.EmbeddedPostgresServer;
import io.roadstream.embedded.KafkaLogLevels;
import io.roadstream.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code roadstream bench pipeline}: the job's sustained throughput beside the Kafka pass-through (as
 * {@code roadstream bench}), then the latency of its segment statistics at fixed fractions of that rate, for each
 * delivery guarantee, to Kafka and to PostgreSQL; a table, a CSV and a throughput-vs-latency plot. The rate the
 * fractions are of is the median of the job's sustained rates (between the moments it had read 10 % and 90 % of the
 * backlog), not of its whole runs, which include the MiniCluster's start and the final checkpoint.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Measures throughput and latency of the whole pipeline in the demo's shape (embedded broker, "
        + "MiniCluster, PostgreSQL, the stats materializer).",
        "First the job over a backlog beside a plain Kafka pass-through (its sustained maximum: the median rate "
            + "between the moments it had read 10 % and 90 % of the backlog), then fixed-rate runs "
            + "at fractions of that maximum: the latency of every segment-stats window from the moment its input "
            + "was complete (every partition sent an event past its end plus the allowed out-of-orderness) to the "
            + "moment a read_committed consumer sees it in Kafka and a query finds it in PostgreSQL.",
        "Writes pipeline-latency.csv and pipeline-latency.png to --out.",
        "Example: roadstream bench pipeline --fractions 0.25,0.5,0.75,1 --out bench-results"})
public final class PipelineBenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConfigOptions config;

  @Mixin BenchInputOptions input;

  /** Throughput runs over the backlog, for the maximum. */
  @Mixin ThroughputRunOptions runs;

  @Option(names = "--fractions", split = ",", defaultValue = "0.25,0.5,0.75,1.0",
      description = "fixed rates as fractions of the measured maximum, the job's median sustained rate "
          + "(default: ${DEFAULT-VALUE})")
  List<Double> fractions;

  @Option(names = "--guarantees", split = ",", defaultValue = "at-least-once,exactly-once",
      description = "the job's Kafka delivery guarantees to run each rate with (default: ${DEFAULT-VALUE})")
  List<String> guarantees;

  @Option(names = "--warm-up", defaultValue = "PT15S",
      description = "at each rate, windows closable this soon after the first send are not counted "
          + "(default: ${DEFAULT-VALUE})")
  Duration warmUp;

  @Option(names = "--measure", defaultValue = "PT45S",
      description = "at each rate, how long to send after the warm-up, while the recording lasts "
          + "(default: ${DEFAULT-VALUE})")
  Duration measure;

  @Option(names = "--out", defaultValue = "bench-results",
      description = "directory for pipeline-latency.csv and .png (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "an existing Kafka instead of an embedded broker")
  String kafka;

  @Option(names = "--schema", defaultValue = "roadstream_bench",
      description = "the PostgreSQL schema the benchmark writes to and empties before each rate, in postgres.jdbcUrl's "
          + "database or an embedded one (default: ${DEFAULT-VALUE}; never the schema of live data)")
  String schema;

  @Override
  public Integer call() throws Exception {
    if (schema.equals(config.load(Map.of()).postgres().schema())) {
      throw new IllegalArgumentException("--schema " + schema + " is postgres.schema, where the stats materializer "
          + "keeps its history: the benchmark empties its schema's segment_stats, so give it one of its own");
    }
    if (fractions.stream().anyMatch(f -> f <= 0)) {
      throw new IllegalArgumentException("--fractions must be positive, got " + fractions);
    }
    for (String g : guarantees) {
      if (!List.of("at-least-once", "exactly-once").contains(g)) {
        throw new IllegalArgumentException("--guarantees takes at-least-once and exactly-once, got '" + g + "'");
      }
    }
    KafkaLogLevels.quietUnlessConfigured();
    PrintWriter console = spec.commandLine().getOut();
    Files.createDirectories(out);
    Path dir = Files.createTempDirectory("roadstream-bench-pipeline");
    try (Stack stack = new Stack()) {
      stack.push(() -> Directories.deleteRecursively(dir));
      String bootstrap = kafka;
      if (bootstrap == null) {
        bootstrap = stack.push(new EmbeddedKafkaBroker(dir.resolve("kafka"))).start().bootstrapServers();
      }
      String run = "bench-" + UUID.randomUUID().toString().substring(0, 6);
      BenchCommand.Measured max = BenchCommand.measureThroughput(config, bootstrap, run + ".", input.input(), runs,
          dir, console);
      Database database = openDatabase(stack, dir, console);

      console.printf("%nlatency at fixed rates (warm-up %s, then %s, or while the %,d recorded events last):%n",
          warmUp, measure, max.traffic().size());
      console.println("  guarantee       rate asked  achieved  windows/s │ → Kafka p50    p99    max │ "
          + "→ PostgreSQL p50    p99    max │ p50 1st half → 2nd │ checkpoints p50 / max");
      List<LatencyPoint> points = new ArrayList<>();
      int n = 0;
      for (String guarantee : guarantees) {
        for (double fraction : fractions) {
          n++;
          String prefix = run + "-p" + n + ".";
          Map<String, String> settings = new HashMap<>(BenchCommand.jobSettings(bootstrap, prefix, prefix + "job", dir));
          settings.put("pipeline.deliveryGuarantee", guarantee);
          RoadstreamConfig cfg = config.load(settings);
          double rate = fraction * max.result().sustainedJob();
          LatencyPoint point = new LatencyRun(cfg, max.network(), database, max.traffic())
              .run(rate, warmUp, measure);
          points.add(point);
          console.println(row(point));
        }
      }
      String title = String.format(Locale.ROOT, "roadstream bench pipeline, %s, %d cores", LocalDate.now(),
          Runtime.getRuntime().availableProcessors());
      writeCsv(out.resolve("pipeline-latency.csv"), points, max);
      LatencyPlot.write(out.resolve("pipeline-latency.png"), title, points, max.result().sustainedJob(),
          max.result().sustainedPassThrough());
      console.printf("%nwrote %s and %s%n", out.resolve("pipeline-latency.csv"), out.resolve("pipeline-latency.png"));
      return 0;
    }
  }

  /** PostgreSQL from the configuration, or an embedded one; always the benchmark's own schema, emptied per run. */
  private Database openDatabase(Stack stack, Path dir, PrintWriter console) {
    RoadstreamConfig cfg = config.load(Map.of());
    String url = cfg.postgres().jdbcUrl();
    String user = cfg.postgres().user();
    String password = cfg.postgres().password();
    if (url.isBlank()) {
      EmbeddedPostgresServer pg = stack.push(new EmbeddedPostgresServer(dir.resolve("postgres"))).start();
      url = pg.jdbcUrl();
      user = pg.user();
      password = pg.password();
    }
    console.println("PostgreSQL: " + url + ", schema " + schema);
    return stack.push(Database.open(url, user, password, schema));
  }

  /** Fewer windows than this make a p99 little more than the maximum: the row says so. */
  private static final int FEW_WINDOWS = 500;

  private static String row(LatencyPoint p) {
    if (p.kafka().windows() == 0) {
      return String.format(Locale.ROOT, "  %-14s %,10.0f %,9.0f   no window completed within the measurement: the "
          + "recording ran out, or windows close more slowly than that at this rate (see --simulated, --measure)", p.guarantee(),
          p.targetRate(), p.sentRate());
    }
    return String.format(Locale.ROOT, "  %-14s %,10.0f %,9.0f %10.1f │ %,9d %,6d %,6d │ %,15d %,6d %,6d │ %,d → %,d ms │ %,d / %,d ms%s",
        p.guarantee(), p.targetRate(), p.sentRate(), p.statsPerSecond(), p.kafka().p50Ms(), p.kafka().p99Ms(),
        p.kafka().maxMs(), p.postgres().p50Ms(), p.postgres().p99Ms(), p.postgres().maxMs(),
        p.earlyP50Ms(), p.lateP50Ms(), p.checkpoints().p50Ms(), p.checkpoints().maxMs(),
        (p.notInPostgres() > 0 ? ", " + p.notInPostgres() + " windows not in PostgreSQL" : "")
            + (p.kafka().windows() < FEW_WINDOWS ? ", only " + p.kafka().windows() + " windows measured (see "
            + "--simulated, --measure)" : ""));
  }

  /**
   * One row per fixed-rate point. {@code job_max_rate} and {@code passthrough_rate} are the whole-run medians (as
   * before the sustained figures existed); {@code target_rate} is a fraction of {@code job_sustained_rate}.
   */
  private static void writeCsv(Path file, List<LatencyPoint> points, BenchCommand.Measured max) throws IOException {
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
      w.println("guarantee,target_rate,sent_rate,stats_per_s,kafka_windows,kafka_p50_ms,kafka_p99_ms,kafka_max_ms,"
          + "pg_windows,pg_p50_ms,pg_p99_ms,pg_max_ms,early_p50_ms,late_p50_ms,not_in_pg,checkpoints,"
          + "checkpoint_p50_ms,checkpoint_p99_ms,checkpoint_max_ms,job_max_rate,passthrough_rate,"
          + "job_sustained_rate,passthrough_sustained_rate");
      for (LatencyPoint p : points) {
        w.printf(Locale.ROOT, "%s,%.0f,%.0f,%.2f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%.0f,%.0f,%.0f,%.0f%n",
            p.guarantee(),
            p.targetRate(), p.sentRate(), p.statsPerSecond(), p.kafka().windows(), p.kafka().p50Ms(),
            p.kafka().p99Ms(), p.kafka().maxMs(), p.postgres().windows(), p.postgres().p50Ms(), p.postgres().p99Ms(),
            p.postgres().maxMs(), p.earlyP50Ms(), p.lateP50Ms(), p.notInPostgres(), p.checkpoints().completed(),
            p.checkpoints().p50Ms(), p.checkpoints().p99Ms(), p.checkpoints().maxMs(), max.result().job(),
            max.result().passThrough(), max.result().sustainedJob(), max.result().sustainedPassThrough());
      }
    }
  }
}
