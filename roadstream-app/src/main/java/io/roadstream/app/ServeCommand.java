package io.roadstream.app;

import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.app.kafka.TopicCreator;
import io.roadstream.app.runtime.PipelineMonitor;
import io.roadstream.app.runtime.Serving;
import io.roadstream.app.runtime.Stack;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.embedded.KafkaLogLevels;
import io.roadstream.server.RoadstreamServer;
import io.roadstream.store.Database;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code roadstream serve}: the materializers, the dispatcher and the HTTP API with the dashboard, against the user's
 * Kafka, PostgreSQL and (optionally) Redis; no embedded engines. Run as many as you like: they share the
 * materializers' consumer groups and each serves its own browsers.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Runs the materializers (Kafka → PostgreSQL, and → Redis when redis.uri is set), the dispatcher",
        "when webhooks or RabbitMQ are configured (dispatch.*), and the HTTP API and dashboard, against your own Kafka,",
        "PostgreSQL and Redis, until Ctrl-C. Several serve processes share the work (consumer groups); with Redis, each",
        "serves its browsers the same live picture.",
        "Example: roadstream serve --config roadstream.yaml --kafka broker-1:9092 --postgres jdbc:postgresql://db:5432/traffic"})
public final class ServeCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "the Kafka cluster (default: kafka.bootstrap)")
  String kafka;

  @Option(names = "--postgres", paramLabel = "JDBC_URL", description = "the database (default: postgres.jdbcUrl)")
  String postgres;

  @Option(names = "--redis", paramLabel = "URI", description = "the live view's Redis, redis://host:6379 "
      + "(default: redis.uri; none: the live view follows PostgreSQL)")
  String redis;

  @Option(names = "--port", description = "HTTP port (default: server.port)")
  Integer port;

  @Option(names = "--status-every", defaultValue = "PT10S", description = "status interval (default: ${DEFAULT-VALUE})")
  Duration statusEvery;

  @Option(names = "--duration", description = "stop after this long, e.g. PT1H (default: run until Ctrl-C)")
  Duration duration;

  private final PrintStream out = System.out;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile int boundPort = -1;

  @Override
  public Integer call() throws Exception {
    KafkaLogLevels.quietUnlessConfigured();
    Map<String, String> flags = new LinkedHashMap<>();
    if (kafka != null) {
      flags.put("kafka.bootstrap", kafka);
    }
    if (postgres != null) {
      flags.put("postgres.jdbcUrl", postgres);
    }
    if (redis != null) {
      flags.put("redis.uri", redis);
    }
    if (port != null) {
      flags.put("server.port", String.valueOf(port));
    }
    RoadstreamConfig cfg = config.load(flags);
    if (cfg.kafka().bootstrap().isBlank()) {
      throw new IllegalArgumentException("serve needs a Kafka cluster: pass --kafka HOST:PORT or set kafka.bootstrap");
    }
    if (cfg.postgres().jdbcUrl().isBlank()) {
      throw new IllegalArgumentException("serve needs a PostgreSQL database: pass --postgres "
          + "jdbc:postgresql://HOST:5432/DB or set postgres.jdbcUrl (the demo is the command that starts its own)");
    }
    RoadNetwork network = new RoadNetworkLoader().load(cfg.network());
    long started = System.nanoTime();
    Thread hook = new Thread(() -> {
      stop.countDown();
      // hold the JVM until the stack below has stopped the materializers (offsets committed, connections closed)
      try {
        stopped.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "roadstream-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (Stack stack = new Stack()) {
      step("topics");
      var created = TopicCreator.ensure(KafkaClients.properties(cfg.kafka()), cfg.kafka().topics().all(),
          cfg.kafka().partitions(), (short) 1);
      done(created.isEmpty() ? "all present on " + cfg.kafka().bootstrap()
          : created.size() + " created with " + cfg.kafka().partitions() + " partitions each");
      step("database schema");
      Database db = stack.push(Database.open(cfg.postgres().jdbcUrl(), cfg.postgres().user(),
          cfg.postgres().password(), cfg.postgres().schema()));
      done("schema '" + cfg.postgres().schema() + "' migrated");

      Serving serving = new Serving(cfg, network, db, stack);
      step("materializers (Kafka → PostgreSQL)");
      done(serving.startMaterializers());
      if (serving.redisConfigured()) {
        step("live view (Kafka → Redis)");
        done(serving.startLiveMaterializers().orElseThrow());
      }
      serving.startDispatcher();
      PipelineMonitor monitor = serving.startMonitor();
      if (!cfg.metrics().flinkRestUrl().isEmpty()) {
        step("Flink job metrics");
        done(serving.startFlinkMetrics(cfg.metrics().flinkRestUrl()));
      }
      step("HTTP server and dashboard");
      RoadstreamServer server = serving.startServer();
      boundPort = server.port();
      done("port " + server.port() + "; live view from " + serving.liveViewSource());
      out.printf("%nroadstream serve is up in %.1f s — dashboard: http://localhost:%d/  API: /api/live  metrics: "
          + "/metrics  (Ctrl-C to stop)%n%n", (System.nanoTime() - started) / 1e9, server.port());

      long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
      while (!stop.await(Math.min(statusEvery.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
          TimeUnit.MILLISECONDS)) {
        PipelineMonitor.Status s = monitor.status();
        out.printf("stats out %,.1f/s (total %,d) · dead letters %,d · lag %,d%s%n", s.statsOutPerSecond(),
            s.statsOut(), s.deadLetters(), s.consumerLag(), serving.sinkTrouble());
        if (System.nanoTime() >= deadline) {
          out.println("duration reached; stopping");
          break;
        }
      }
    } finally {
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook is running, which is what it is for
      }
    }
    return 0;
  }

  /** Stops a running {@link #call()} as Ctrl-C would (for tests that run the command in-process). */
  void stop() {
    stop.countDown();
  }

  /** The port the server listens on once it is up, else -1. */
  int port() {
    return boundPort;
  }

  private void step(String what) {
    out.printf("  starting %-44s", what + " …");
    out.flush();
  }

  private void done(String detail) {
    out.println(" ok  " + detail);
  }
}
