package io.roadstream.app;

import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.app.kafka.TopicCreator;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.Topics;
import io.roadstream.core.retry.RetrySchedule;
import io.roadstream.embedded.KafkaLogLevels;
import io.roadstream.ingest.connect.ConnectorMetrics;
import io.roadstream.ingest.connect.ConnectorRuntime;
import io.roadstream.ingest.connect.KafkaEventSink;
import io.roadstream.ingest.replay.LinearRoadReplay;
import io.roadstream.ingest.replay.ReplayConnector;
import io.roadstream.ingest.replay.ReplayFormat;
import io.roadstream.ingest.replay.ReplayOptions;
import io.roadstream.ingest.replay.ReplayPacing;
import io.roadstream.ingest.replay.TimeFilter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code roadstream replay FORMAT FILE…}: recorded traffic into Kafka, paced by its own clock. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Plays recorded traffic files into Kafka's raw topics, in event-time order, at real time, "
        + "N times real time, or as fast as possible.",
        "Formats: pems (Caltrans PeMS station 5-minute CSV), ngsim (NGSIM trajectories, 25 columns), "
            + "datex2 (DATEX II MeasuredDataPublication XML), jsonl (roadstream's own events, one per line), "
            + "linear-road (Linear Road benchmark input, .dat or .dat.gz), archive (roadstream's Parquet archive: "
            + "a directory, or s3://bucket/prefix reached with the archive.s3 settings; docs/archive.md).",
        "Example: roadstream replay pems d04_text_station_5min_2022_10_04.csv --kafka 127.0.0.1:9092 --speed 120"})
public final class ReplayCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @Parameters(index = "0", paramLabel = "FORMAT", description = "pems, ngsim, datex2, jsonl, linear-road or archive")
  String format;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "files, played one after another "
      + "(archive: directories or s3://bucket/prefix)")
  List<String> files;

  @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "the Kafka cluster (default: kafka.bootstrap)")
  String kafka;

  @Option(names = "--speed", defaultValue = "max", description = "max (default), realtime, or a factor such as 60")
  String speed;

  @Option(names = "--from", description = "replay events at or after this instant, e.g. 2022-10-04T22:00:00Z")
  Instant from;

  @Option(names = "--to", description = "replay events before this instant")
  Instant to;

  @Option(names = "--zone", defaultValue = "America/Los_Angeles", description = "pems: the files' time zone "
      + "(default: ${DEFAULT-VALUE})")
  ZoneId zone;

  @Option(names = "--lane-types", split = ",", defaultValue = "ML", description = "pems: station types to replay "
      + "(default: ${DEFAULT-VALUE}; e.g. ML,OR,FR)")
  Set<String> laneTypes;

  @Option(names = "--metric", description = "ngsim: the file is in metres and m/s rather than feet")
  boolean metric;

  @Option(names = "--report-every", defaultValue = "PT1S", description = "ngsim: one position per vehicle this often "
      + "(default: ${DEFAULT-VALUE})")
  Duration reportEvery;

  @Option(names = "--kind", description = "jsonl: readings, positions or reports (default: told by each line's fields)")
  String kind;

  @Option(names = "--period", defaultValue = "PT60S", description = "datex2: measurement period when the file does not "
      + "say (default: ${DEFAULT-VALUE})")
  Duration period;

  @Option(names = "--quiet", description = "no progress bar")
  boolean quiet;

  private final PrintStream err = System.err;

  @Override
  public Integer call() throws Exception {
    KafkaLogLevels.quietUnlessConfigured();
    RoadstreamConfig cfg = config.loadWithKafka(kafka, "replay");
    for (String file : files) {
      boolean remote = format.equals("archive") && file.startsWith("s3://");
      if (!remote && !Files.isReadable(Path.of(file))) {
        throw new IllegalArgumentException("cannot read " + file);
      }
    }
    ReplayPacing pacing = ReplayPacing.parse(speed);
    Topics topics = cfg.kafka().topics();
    Map<String, Object> client = KafkaClients.properties(cfg.kafka());
    if (format.equals("linear-road")) {
      return linearRoad(cfg, client, topics, pacing);
    }
    ReplayFormat replayFormat = ReplayFormat.named(format);
    TimeFilter window = new TimeFilter(from, to);
    ReplayOptions options = new ReplayOptions(zone, new LinkedHashSet<>(laneTypes), metric, reportEvery, kind, period,
        cfg.archive(), window);
    TopicCreator.ensure(client, List.of(topics.readings(), topics.positions(), topics.reports(), topics.deadLetters()),
        cfg.kafka().partitions(), (short) 1);

    List<ReplayConnector.ReplayFile> replayFiles = new ArrayList<>();
    for (String file : files) {
      replayFiles.add(() -> replayFormat.open(file, options));
    }
    ReplayConnector replay = new ReplayConnector("replay-" + format, replayFiles, pacing, window, Clock.systemUTC());
    err.printf("replaying %d %s file(s) into %s (%s), %s%n", files.size(), format, cfg.kafka().bootstrap(),
        topics.prefix() + "*", pacing);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
        KafkaEventSink.producerSettings(client, cfg.ingest().bufferBytes()), new StringSerializer(),
        new ByteArraySerializer())) {
      ConnectorRuntime runtime = new ConnectorRuntime(new RetrySchedule(1, Duration.ofSeconds(1),
          Duration.ofSeconds(30), 2));
      ConnectorMetrics metrics = runtime.start(replay,
          m -> new KafkaEventSink(producer, topics, m, Clock.systemUTC()));
      ProgressBar bar = new ProgressBar(err, quiet);
      while (!runtime.awaitFinished(Duration.ofMillis(500))) {
        bar.show(replay.progress(), metrics);
      }
      runtime.close();
      bar.show(replay.progress(), metrics);
      bar.end();
      err.println(metrics.summary());
      replay.progress().skipped().forEach((why, count) -> err.printf("  not replayed: %,d %s%n", count, why));
      if (replay.progress().filteredOut() > 0) {
        err.printf("  outside --from/--to: %,d%n", replay.progress().filteredOut());
      }
      return metrics.errors() > 0 && !replay.progress().done() ? 1 : 0;
    }
  }

  private int linearRoad(RoadstreamConfig cfg, Map<String, Object> client, Topics topics, ReplayPacing pacing)
      throws Exception {
    if (from != null || to != null) {
      throw new IllegalArgumentException("--from/--to do not apply to Linear Road files (their clock is seconds "
          + "since the start of the run)");
    }
    // one partition: the benchmark's answers depend on the file's order
    TopicCreator.ensure(client, List.of(topics.linearRoad()), 1, (short) 1);
    TopicCreator.ensure(client, List.of(topics.linearRoadAnswers(), topics.deadLetters()), cfg.kafka().partitions(),
        (short) 1);
    Map<String, Object> producerSettings = KafkaEventSink.producerSettings(client, cfg.ingest().bufferBytes());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(producerSettings, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (String name : files) {
        Path file = Path.of(name);
        LinearRoadReplay replay = new LinearRoadReplay(file, producer, topics.linearRoad(), pacing);
        Thread thread = new Thread(replay, "linear-road-replay");
        thread.start();
        while (thread.isAlive()) {
          thread.join(2000);
          err.printf("%s: %,d rows, simulation second %d%n", file.getFileName(), replay.rows(),
              replay.simulationSecond());
        }
      }
    }
    return 0;
  }
}
