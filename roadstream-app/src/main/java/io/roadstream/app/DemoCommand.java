package io.roadstream.app;

import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.app.kafka.TopicCreator;
import io.roadstream.app.metrics.SourceMetrics;
import io.roadstream.app.runtime.Directories;
import io.roadstream.app.runtime.EmbeddedPipeline;
import io.roadstream.app.runtime.PipelineMonitor;
import io.roadstream.app.runtime.Serving;
import io.roadstream.app.runtime.Stack;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.Topics;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.embedded.EmbeddedMqttBroker;
import io.roadstream.embedded.EmbeddedPostgresServer;
import io.roadstream.embedded.KafkaLogLevels;
import io.roadstream.ingest.Sources;
import io.roadstream.ingest.connect.Connector;
import io.roadstream.ingest.connect.ConnectorRuntime;
import io.roadstream.ingest.connect.EventKind;
import io.roadstream.ingest.connect.KafkaEventSink;
import io.roadstream.ingest.mqtt.MqttBridgeConnector;
import io.roadstream.ingest.mqtt.MqttSettings;
import io.roadstream.ingest.simulator.Scenario;
import io.roadstream.ingest.simulator.ScenarioLoader;
import io.roadstream.ingest.simulator.SimulationSettings;
import io.roadstream.ingest.simulator.SimulatorRunner;
import io.roadstream.ingest.simulator.TrafficSimulation;
import io.roadstream.server.RoadstreamServer;
import io.roadstream.store.Database;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * Everything on one machine: a Kafka broker, the Flink job on a MiniCluster, PostgreSQL, the simulator, the
 * materializer and the dashboard, with no installs and no configuration.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs everything on this machine, with the live dashboard on http://localhost:8080/.",
        "Starts an embedded Kafka broker (KRaft), the Flink job on a MiniCluster, PostgreSQL, the traffic simulator,",
        "the materializer and the HTTP server, and the dispatcher when webhooks or RabbitMQ are configured",
        "(dispatch.*), HTTP push (POST /ingest/...) when ingest.push.token is set, and the live view in Redis",
        "when redis.uri is set;",
        "prints a status line every 10 s. Ctrl-C stops everything."})
public final class DemoCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "use this Kafka cluster instead of starting a broker")
  String kafka;

  @Option(names = "--postgres", paramLabel = "JDBC_URL",
      description = "use this PostgreSQL (jdbc:postgresql://host:5432/db) instead of starting one")
  String postgres;

  @Option(names = "--port", description = "dashboard and API port (default: ${DEFAULT-VALUE})", defaultValue = "8080")
  int port;

  @Option(names = "--data-dir", description = "where the embedded broker and database keep their data "
      + "(default: ${DEFAULT-VALUE}; emptied at each start, the simulation starts afresh)", defaultValue = ".roadstream/demo")
  Path dataDir;

  @Option(names = "--speed", description = "simulated seconds per second during the scenario (default: simulator.speedFactor = 10)")
  Double speed;

  @Option(names = "--duration", description = "stop after this long, e.g. PT5M (default: run until Ctrl-C)")
  Duration duration;

  @Option(names = "--no-simulator", description = "run without the simulator: the traffic comes from ingest.sources "
      + "(a replay of recorded data, an API, MQTT sensors)")
  boolean noSimulator;

  @Option(names = "--mqtt", arity = "0..1", fallbackValue = "1883", paramLabel = "PORT",
      description = "start an MQTT broker in the demo (on PORT, default 1883) and bridge what is published to "
          + "roadstream/readings/<id>, roadstream/positions/<id> and roadstream/reports/<id> (event JSON) into Kafka")
  Integer mqttPort;

  @Option(names = "--status-every", description = "status line interval (default: ${DEFAULT-VALUE})", defaultValue = "PT10S")
  Duration statusEvery;

  private static final String MQTT_TOPIC_ROOT = "roadstream/";

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    KafkaLogLevels.quietUnlessConfigured();
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("server.port", String.valueOf(port));
    if (kafka != null) {
      flags.put("kafka.bootstrap", kafka);
    }
    if (postgres != null) {
      flags.put("postgres.jdbcUrl", postgres);
    }
    if (speed != null) {
      flags.put("simulator.speedFactor", String.valueOf(speed));
    }
    RoadstreamConfig cfg = config.load(flags);
    if (cfg.pipeline().checkpointDir().equals(RoadstreamConfig.defaults().pipeline().checkpointDir())) {
      // the demo starts afresh each time: its checkpoints live and go with its data directory
      flags.put("pipeline.checkpointDir", dataDir.resolve("checkpoints").toString());
      cfg = config.load(flags);
    }
    RoadNetwork network = new RoadNetworkLoader().load(cfg.network());
    Scenario scenario = new ScenarioLoader().load(cfg.simulator().scenario());
    // sources are checked before anything starts: a wrong key is reported in a second, not after the engines
    List<Connector> connectors = new ArrayList<>(new Sources(Path.of(cfg.ingest().stateDir()), Clock.systemUTC())
        .create(cfg.ingest().sources()));
    if (noSimulator && connectors.isEmpty() && mqttPort == null) {
      throw new IllegalArgumentException("--no-simulator leaves no traffic: configure ingest.sources "
          + "(docs/connectors.md), or drop --no-simulator");
    }
    CountDownLatch stop = new CountDownLatch(1);
    long started = System.nanoTime();

    try (Stack stack = new Stack()) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        out.println("\nstopping…");
        stop.countDown();
        stack.close();
      }, "roadstream-shutdown"));
      wipe(dataDir);

      if (cfg.kafka().bootstrap().isBlank()) {
        step("Kafka broker (embedded, KRaft)");
        EmbeddedKafkaBroker broker = stack.push(new EmbeddedKafkaBroker(dataDir.resolve("kafka"))).start();
        cfg = cfg.withKafkaBootstrap(broker.bootstrapServers());
        done(broker.bootstrapServers() + ", data in " + broker.dataDirectory());
      } else {
        out.println("  Kafka: using " + cfg.kafka().bootstrap());
      }
      step("topics");
      var created = TopicCreator.ensure(KafkaClients.properties(cfg.kafka()), cfg.kafka().topics().all(),
          cfg.kafka().partitions(), (short) (cfg.kafka().bootstrap().isBlank() ? 1 : 1));
      done(created.isEmpty() ? "all present" : created.size() + " created with " + cfg.kafka().partitions()
          + " partitions each");

      String jdbcUrl = cfg.postgres().jdbcUrl();
      String user = cfg.postgres().user();
      String password = cfg.postgres().password();
      if (jdbcUrl.isBlank()) {
        step("PostgreSQL (embedded)");
        EmbeddedPostgresServer pg = stack.push(new EmbeddedPostgresServer(dataDir.resolve("postgres"))).start();
        jdbcUrl = pg.jdbcUrl();
        user = pg.user();
        password = pg.password();
        done(jdbcUrl);
      } else {
        out.println("  PostgreSQL: using " + jdbcUrl);
      }
      step("database schema");
      Database db = stack.push(Database.open(jdbcUrl, user, password, cfg.postgres().schema()));
      done("schema '" + cfg.postgres().schema() + "' migrated");

      step("Flink job on a MiniCluster");
      EmbeddedPipeline pipeline = stack.push(EmbeddedPipeline.start(cfg, network, false));
      done("job " + pipeline.job().getJobID() + ", parallelism " + cfg.pipeline().parallelism()
          + ", checkpoints every " + cfg.pipeline().checkpointIntervalSeconds() + " s");

      Serving serving = new Serving(cfg, network, db, stack);
      step("materializers (Kafka → PostgreSQL)");
      done(serving.startMaterializers());
      if (serving.redisConfigured()) {
        step("live view (Kafka → Redis)");
        done(serving.startLiveMaterializers().orElseThrow());
      }
      // logs its own line, "dispatching <what> to <where>", between the steps
      serving.startDispatcher();
      PipelineMonitor monitor = serving.startMonitor();
      serving.startFlinkMetrics(pipeline.restUrl());
      SourceMetrics sourceMetrics = new SourceMetrics(serving.metrics());

      step("HTTP server and dashboard");
      RoadstreamServer server;
      try {
        server = serving.startServer();
      } catch (IllegalStateException e) {
        out.println();
        throw e;
      }
      done("port " + server.port() + (cfg.ingest().push().token().isEmpty()
          ? "" : "; HTTP push on POST /ingest/{readings|positions|reports}")
          + (serving.redisConfigured() ? "; live view from " + serving.liveViewSource() : ""));

      SimulatorRunner simulator = null;
      TrafficSimulation simulation = null;
      if (!noSimulator) {
        step("simulator");
        Instant start = SimulatorRunner.demoStart(scenario, Clock.systemUTC());
        SimulationSettings settings = SimulationSettings.defaults(start)
            .withSeed(cfg.simulator().seed())
            .withProbeIntervalS(cfg.simulator().probeIntervalS())
            .withDetectorIntervalS(cfg.simulator().detectorIntervalS())
            .withDemandScale(cfg.simulator().demandScale());
        KafkaProducer<String, byte[]> producer = stack.push(new KafkaProducer<>(
            KafkaClients.producerProperties(cfg.kafka()), new StringSerializer(), new ByteArraySerializer()));
        simulation = new TrafficSimulation(network, scenario, settings);
        simulator = stack.runInBackground("simulator", new SimulatorRunner(simulation, producer,
            cfg.kafka().topics().readings(), cfg.kafka().topics().positions(), cfg.simulator().speedFactor(), null,
            Clock.systemUTC()));
        sourceMetrics.add("simulator", simulator::eventsProduced);
        done("scenario '" + scenario.name() + "' from " + start + " at " + cfg.simulator().speedFactor() + "× real time");
      }
      String mqttUri = null;
      if (mqttPort != null) {
        step("MQTT broker (embedded)");
        EmbeddedMqttBroker mqtt = stack.push(new EmbeddedMqttBroker(dataDir.resolve("mqtt"), "127.0.0.1", mqttPort))
            .start();
        for (EventKind kind : EventKind.values()) {
          connectors.add(new MqttBridgeConnector(MqttSettings.parse(Map.of("type", "mqtt",
              "name", "demo-mqtt-" + kind.word(), "brokerUri", mqtt.uri(), "topics",
              List.of(MQTT_TOPIC_ROOT + kind.word() + "/+"), "emits", kind.word()), "--mqtt"), new EventCodec()));
        }
        mqttUri = mqtt.uri();
        done(mqtt.uri() + "; publish event JSON to " + MQTT_TOPIC_ROOT + "{readings|positions|reports}/<id>");
      }
      if (!connectors.isEmpty()) {
        step("sources (ingest.sources)");
        ConnectorRuntime runtime = new ConnectorRuntime(IngestCommand.SOURCE_BACKOFF);
        stack.push(runtime::close);
        sourceMetrics.add(runtime);
        Topics topics = cfg.kafka().topics();
        Map<String, Object> client = KafkaClients.properties(cfg.kafka());
        long bufferBytes = cfg.ingest().bufferBytes();
        for (Connector connector : connectors) {
          KafkaProducer<String, byte[]> sourceProducer = stack.push(new KafkaProducer<>(
              KafkaEventSink.producerSettings(client, bufferBytes), new StringSerializer(), new ByteArraySerializer()));
          runtime.start(connector, m -> new KafkaEventSink(sourceProducer, topics, m, Clock.systemUTC()));
        }
        done(connectors.stream().map(Connector::name).collect(java.util.stream.Collectors.joining(", ")));
      }

      out.printf("%nroadstream is up in %.1f s — dashboard: http://localhost:%d/  (Ctrl-C to stop)%n",
          (System.nanoTime() - started) / 1e9, server.port());
      out.printf("API: http://localhost:%d/api/live · network: %s, %d segments, %d detectors%n", server.port(),
          network.name(), network.segments().size(), network.detectors().size());
      out.printf("Prometheus metrics: http://localhost:%d/metrics (the Flink job's too) · Flink REST API: %s%n",
          server.port(), pipeline.restUrl());
      out.printf("Kafka: %s · replay recorded data into it: ./roadstream replay FORMAT FILE --kafka %s · archive "
          + "the raw topics as Parquet: ./roadstream archive --kafka %s%n", cfg.kafka().bootstrap(),
          cfg.kafka().bootstrap(), cfg.kafka().bootstrap());
      if (mqttUri != null) {
        out.printf("MQTT: %s · e.g. mosquitto_pub -h 127.0.0.1 -p %d -t %sreadings/<sensorId> -m '<reading JSON>'%n",
            mqttUri, java.net.URI.create(mqttUri).getPort(), MQTT_TOPIC_ROOT);
      }
      out.println();

      long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
      while (!stop.await(statusEvery.toMillis(), TimeUnit.MILLISECONDS)) {
        PipelineMonitor.Status s = monitor.status();
        String clock = simulation == null ? "" : "[sim " + Instant.ofEpochMilli(simulation.now()).toString()
            .substring(11, 19) + "] ";
        out.printf("%sevents in %,.0f/s (total %,d) · stats out %,.1f/s (total %,d) · dead letters %,d · "
                + "lag %,d%s%n", clock, s.eventsInPerSecond(),
            s.eventsIn(), s.statsOutPerSecond(), s.statsOut(), s.deadLetters(), s.consumerLag(),
            serving.sinkTrouble());
        if (simulator != null && simulator.failure().isPresent()) {
          out.println("the simulator stopped: " + simulator.failure().get().getMessage());
          return 1;
        }
        if (System.nanoTime() > deadline) {
          out.println("duration reached; stopping");
          break;
        }
      }
    }
    return 0;
  }

  private void step(String what) {
    out.printf("  starting %-44s", what + " …");
    out.flush();
  }

  private void done(String detail) {
    out.println(" ok  " + detail);
  }

  private static void wipe(Path dir) throws IOException {
    Directories.deleteRecursively(dir);
    Files.createDirectories(dir);
  }
}
