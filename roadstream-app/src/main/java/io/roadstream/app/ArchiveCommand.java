package io.roadstream.app;

import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.app.kafka.TopicCreator;
import io.roadstream.archive.Archiver;
import io.roadstream.archive.store.ArchiveStore;
import io.roadstream.archive.store.ArchiveStores;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.Topics;
import io.roadstream.embedded.KafkaLogLevels;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code roadstream archive}: the raw topics → Parquet files in archive.dir or archive.s3, until stopped. */
@Command(name = "archive", mixinStandardHelpOptions = true,
    description = {"Archives the raw topics (readings, positions, reports) to Parquet files partitioned by topic, "
        + "date and hour, in archive.dir or, with archive.s3.bucket set, in an S3-compatible bucket; until Ctrl-C. "
        + "Run more of them to share the work: they split the partitions (consumer group <topicPrefix>archive). "
        + "Replay the archive with: roadstream replay archive DIR|s3://bucket/prefix. See docs/archive.md.",
        "Example: roadstream archive --config archive.yaml --kafka 127.0.0.1:9092"})
public final class ArchiveCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "the Kafka cluster (default: kafka.bootstrap)")
  String kafka;

  @Option(names = "--status-every", defaultValue = "PT30S", description = "status interval (default: ${DEFAULT-VALUE})")
  Duration statusEvery;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    KafkaLogLevels.quietUnlessConfigured();
    RoadstreamConfig cfg = config.loadWithKafka(kafka, "archive");
    Topics topics = cfg.kafka().topics();
    Map<String, Object> client = KafkaClients.properties(cfg.kafka());
    TopicCreator.ensure(client, topics.raw(), cfg.kafka().partitions(), (short) 1);

    ArchiveStore store = ArchiveStores.open(cfg.archive());
    Archiver archiver = new Archiver(client, Archiver.groupId(topics), topics, store,
        Archiver.Settings.of(cfg.archive()), Clock.systemUTC());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(archiver, "roadstream-archiver");
    thread.setUncaughtExceptionHandler((t, e) -> failure.set(e));
    // Ctrl-C: the archiver publishes and commits what it has, then the JVM may end
    Thread shutdown = new Thread(() -> {
      archiver.close();
      try {
        thread.join(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "roadstream-archive-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    thread.start();
    out.printf("archiving %s into %s (group %s); Ctrl-C to stop%n", topics.raw(), store.location(),
        Archiver.groupId(topics));
    try {
      while (thread.isAlive()) {
        thread.join(statusEvery.toMillis());
        out.printf("archived %,d records in %,d files, %,d of them rejected (undecodable, kept as they were)%n",
            archiver.records() + archiver.rejected(), archiver.files(), archiver.rejected());
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdown);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook is running, which is what it is for
      }
      store.close();
    }
    if (failure.get() != null) {
      System.err.println("roadstream: archiving stopped: " + failure.get().getMessage());
      return 1;
    }
    return 0;
  }
}
