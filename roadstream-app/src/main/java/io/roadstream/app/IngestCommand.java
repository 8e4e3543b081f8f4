package io.roadstream.app;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.app.kafka.TopicCreator;
import io.roadstream.app.metrics.SourceMetrics;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.Topics;
import io.roadstream.core.retry.RetrySchedule;
import io.roadstream.embedded.KafkaLogLevels;
import io.roadstream.ingest.Sources;
import io.roadstream.ingest.connect.Connector;
import io.roadstream.ingest.connect.ConnectorMetrics;
import io.roadstream.ingest.connect.ConnectorRuntime;
import io.roadstream.ingest.connect.KafkaEventSink;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code roadstream ingest}: the sources of {@code ingest.sources} → Kafka, until stopped; with {@code metrics.port}
 * set, their metrics in the Prometheus format at {@code http://HOST:PORT/metrics} (this process has no other HTTP).
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Runs the sources configured under ingest.sources (HTTP API pollers, MQTT subscriptions, file "
        + "replays) and produces their events to Kafka, until Ctrl-C. See docs/connectors.md.",
        "With --set metrics.port=PORT, Prometheus metrics per source at http://HOST:PORT/metrics.",
        "Example: roadstream ingest --config ingest.yaml --kafka 127.0.0.1:9092"})
public final class IngestCommand implements Callable<Integer> {

  /** A source that fails waits 1 s, then twice as long each time, up to 5 minutes; it never gives up. */
  static final RetrySchedule SOURCE_BACKOFF = new RetrySchedule(Integer.MAX_VALUE, Duration.ofSeconds(1),
      Duration.ofMinutes(5), 2);

  @Mixin ConfigOptions config;

  @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "the Kafka cluster (default: kafka.bootstrap)")
  String kafka;

  @Option(names = "--status-every", defaultValue = "PT10S", description = "status interval (default: ${DEFAULT-VALUE})")
  Duration statusEvery;

  private final PrintStream out = System.out;

  /** The hook is only for Ctrl-C; a run that ended by itself (every source finite) leaves none behind. */
  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook is running, which is what it is for
    }
  }

  @Override
  public Integer call() throws Exception {
    KafkaLogLevels.quietUnlessConfigured();
    RoadstreamConfig cfg = config.loadWithKafka(kafka, "ingest");
    List<Connector> connectors = new Sources(Path.of(cfg.ingest().stateDir()), Clock.systemUTC())
        .create(cfg.ingest().sources());
    if (connectors.isEmpty()) {
      throw new IllegalArgumentException("no sources configured: add them under ingest.sources (docs/connectors.md "
          + "has a working example of each kind)");
    }
    Topics topics = cfg.kafka().topics();
    Map<String, Object> client = KafkaClients.properties(cfg.kafka());
    TopicCreator.ensure(client, List.of(topics.readings(), topics.positions(), topics.reports(), topics.deadLetters()),
        cfg.kafka().partitions(), (short) 1);

    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    List<KafkaProducer<String, byte[]>> producers = new ArrayList<>();
    ConnectorRuntime runtime = new ConnectorRuntime(SOURCE_BACKOFF);
    HTTPServer metricsEndpoint = null;
    if (cfg.metrics().port() != 0) {
      PrometheusRegistry registry = new PrometheusRegistry();
      JvmMetrics.builder().register(registry);
      new SourceMetrics(registry).add(runtime);
      metricsEndpoint = HTTPServer.builder().port(cfg.metrics().port()).registry(registry).buildAndStart();
      out.println("metrics: http://localhost:" + metricsEndpoint.getPort() + "/metrics");
    }
    // Ctrl-C: stop the sources and hold the JVM until their last records are flushed
    Thread shutdown = new Thread(() -> {
      stop.countDown();
      try {
        closed.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "roadstream-ingest-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    try {
      for (Connector connector : connectors) {
        // one producer each: a source stalled on its full buffer does not hold back the others
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            KafkaEventSink.producerSettings(client, cfg.ingest().bufferBytes()), new StringSerializer(),
            new ByteArraySerializer());
        producers.add(producer);
        runtime.start(connector, m -> new KafkaEventSink(producer, topics, m, Clock.systemUTC()));
        out.println("started " + connector.name());
      }
      out.printf("%d source(s) → %s; Ctrl-C to stop%n", connectors.size(), cfg.kafka().bootstrap());
      while (!stop.await(statusEvery.toMillis(), TimeUnit.MILLISECONDS) && !runtime.finished()) {
        for (ConnectorMetrics m : runtime.metrics()) {
          out.println(m.summary() + (m.lastSuccess() == null ? "" : ", last produced " + m.lastSuccess()));
        }
      }
    } finally {
      runtime.close();
      runtime.metrics().forEach(m -> out.println(m.summary()));
      if (metricsEndpoint != null) {
        metricsEndpoint.close();
      }
      producers.forEach(p -> p.close(Duration.ofSeconds(10)));
      closed.countDown();
      removeHook(shutdown);
    }
    return 0;
  }
}
