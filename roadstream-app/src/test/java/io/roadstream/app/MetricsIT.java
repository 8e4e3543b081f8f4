package io.roadstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.app.kafka.TopicCreator;
import io.roadstream.app.metrics.SourceMetrics;
import io.roadstream.app.runtime.EmbeddedPipeline;
import io.roadstream.app.runtime.Serving;
import io.roadstream.app.runtime.Stack;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.Topics;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.ingest.simulator.ScenarioLoader;
import io.roadstream.ingest.simulator.SimulationListener;
import io.roadstream.ingest.simulator.SimulationSettings;
import io.roadstream.ingest.simulator.TrafficSimulation;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import io.roadstream.server.RoadstreamServer;
import io.roadstream.store.Database;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import io.roadstream.testkit.TestConfigs;
import io.roadstream.testkit.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} of a running server, with the real pipeline behind it (Kafka broker, the Flink job on a MiniCluster,
 * the materializers into PostgreSQL): the exposition passes {@code promtool check metrics}; its numbers are what the
 * test did — records produced per raw topic, dead letters per reason from the records it broke on purpose, records
 * out equal to the segment-stats topic read here, one latency observation per row, the Flink job running with
 * checkpoints; and every expression of the Grafana dashboard is valid PromQL (promtool) that selects only metric
 * names this /metrics exposes.
 */
@ExtendWith(KafkaTestBroker.class)
class MetricsIT {

  private static final RoadNetwork NETWORK = new RoadNetworkLoader().load("metroville");
  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final Map<BadRecords.Kind, Integer> BROKEN = Map.of(BadRecords.Kind.RANDOM_BYTES, 5,
      BadRecords.Kind.UNKNOWN_REFERENCE, 3);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void metricsTellWhatThePipelineDidAndTheDashboardFindsThem(EmbeddedKafkaBroker broker, KafkaTestClients kafka,
      @TempDir Path tmp) throws Exception {
    RoadstreamConfig cfg = TestConfigs.isolated(broker.bootstrapServers(), "metrics",
        Map.of("server.port", "0", "pipeline.parallelism", "1"));
    Topics topics = cfg.kafka().topics();
    TopicCreator.ensure(KafkaClients.properties(cfg.kafka()), topics.all(), 2, (short) 1);

    // the last few minutes of simulated traffic, and records broken in known ways, each earning a known reason
    Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(7));
    List<ProducerRecord<byte[], byte[]>> records = simulate(topics, start, Duration.ofMinutes(4));
    Map<DeadLetterReason, Integer> expectedReasons = new EnumMap<>(DeadLetterReason.class);
    BadRecords bad = new BadRecords(NETWORK, new Random(7));
    BROKEN.forEach((kind, n) -> {
      for (int i = 0; i < n; i++) {
        BadRecords.Bad b = bad.make(BadRecords.Target.READINGS, kind, start.plusSeconds(90).toEpochMilli());
        records.add(records.size() / 2, new ProducerRecord<>(topics.readings(), null, b.value()));
        expectedReasons.merge(b.expected(), 1, Integer::sum);
      }
    });
    kafka.produceRecords(records);
    long readings = records.stream().filter(r -> r.topic().equals(topics.readings())).count();
    long positions = records.stream().filter(r -> r.topic().equals(topics.positions())).count();

    try (Stack stack = new Stack(); TestPostgres pg = TestPostgres.freshSchema("metrics")) {
      Database db = stack.push(Database.open(TestPostgres.JDBC_URL, TestPostgres.USER, TestPostgres.PASSWORD,
          pg.schema()));
      EmbeddedPipeline pipeline = stack.push(EmbeddedPipeline.start(cfg, NETWORK, false));
      Serving serving = new Serving(cfg, NETWORK, db, stack, cfg.kafka().topicPrefix() + "materializer",
          cfg.kafka().topicPrefix() + "dispatch");
      serving.startMaterializers();
      serving.startMonitor();
      serving.startFlinkMetrics(pipeline.restUrl());
      new SourceMetrics(serving.metrics()).add("metrics-it", () -> records.size());
      RoadstreamServer server = serving.startServer();

      String statsGroup = cfg.kafka().topicPrefix() + "materializer-segment-stats";
      await("the job's output, its dead letters and checkpoints in /metrics").atMost(WAIT)
          .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            PrometheusText m = scrape(server.port());
            long statsOnTopic = kafka.readToEnd(topics.segmentStats(), Duration.ofSeconds(10),
                IsolationLevel.READ_COMMITTED).size();
            assertThat(statsOnTopic).isPositive();
            assertThat(m.value("roadstream_records_out_total", "topic", topics.segmentStats()))
                .isEqualTo(statsOnTopic);
            assertThat(m.sum("roadstream_dead_letters_total")).isEqualTo(8);
            assertThat(m.value("roadstream_consumer_lag", "group", statsGroup, "topic", topics.segmentStats()))
                .isZero();
            assertThat(m.value("roadstream_flink_checkpoints_total", "outcome", "completed")).isPositive();
            assertThat(m.sum("roadstream_flink_records_in_total")).isPositive();
            // the job's event time, minutes behind the wall clock like the data (read every 5 s)
            assertThat(m.samples("roadstream_flink_watermark_delay_seconds")).isNotEmpty()
                .allSatisfy(s -> assertThat(s.value()).isGreaterThan(60));
          });

      PrometheusText m = scrape(server.port());
      assertThat(promtool(tmp, List.of("check", "metrics"), m.text())).as("promtool check metrics").isEmpty();

      for (DeadLetterReason reason : DeadLetterReason.values()) {
        assertThat(m.value("roadstream_dead_letters_total", "reason", reason.name())).as(reason.name())
            .isEqualTo(expectedReasons.getOrDefault(reason, 0).doubleValue());
      }
      assertThat(m.value("roadstream_raw_records_total", "topic", topics.readings())).isEqualTo(readings);
      assertThat(m.value("roadstream_raw_records_total", "topic", topics.positions())).isEqualTo(positions);
      assertThat(m.value("roadstream_events_in_total", "source", "metrics-it")).isEqualTo(records.size());
      // one latency observation per segment-stats record written, each from its window's end: minutes ago here
      double written = m.value("roadstream_records_out_total", "topic", topics.segmentStats());
      assertThat(m.value("roadstream_end_to_end_latency_seconds_count")).isEqualTo(written);
      assertThat(m.value("roadstream_end_to_end_latency_seconds_bucket", "le", "30.0")).isZero();
      assertThat(m.value("roadstream_end_to_end_latency_seconds_bucket", "le", "+Inf")).isEqualTo(written);
      assertThat(m.value("roadstream_materializer_write_seconds_count", "sink", "postgresql", "topic",
          topics.segmentStats())).isPositive();
      assertThat(m.value("roadstream_materializer_sink_available", "sink", "postgresql", "topic",
          topics.segmentStats())).isEqualTo(1);
      assertThat(m.value("roadstream_flink_job_running")).isEqualTo(1);
      assertThat(m.value("roadstream_flink_last_checkpoint_duration_seconds")).isNotNaN();
      assertThat(m.value("roadstream_postgresql_up")).isEqualTo(1);
      assertThat(m.value("roadstream_live_view_stale", "source", "postgresql")).isZero();
      assertThat(m.value("roadstream_sse_clients")).isZero();

      // the dashboard: valid PromQL, selecting only what this /metrics has
      List<GrafanaDashboard.PromQuery> queries = GrafanaDashboard.load().promQueries();
      assertThat(queries).hasSizeGreaterThan(10);
      StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
      Set<String> missing = new TreeSet<>();
      for (int i = 0; i < queries.size(); i++) {
        String expr = grafanaVariables(queries.get(i).expr());
        rules.append("      - record: dashboard:q").append(i).append("\n        expr: '")
            .append(expr.replace("'", "''")).append("'\n");
        for (String name : PromQlNames.of(expr)) {
          if (!m.names().contains(name)) {
            missing.add(queries.get(i).panel() + ": " + name);
          }
        }
      }
      assertThat(missing).as("metric names the dashboard selects that /metrics does not have").isEmpty();
      Path rulesFile = Files.writeString(tmp.resolve("dashboard-rules.yml"), rules);
      assertThat(promtool(tmp, List.of("check", "rules", rulesFile.toString()), ""))
          .as("promtool check rules on the dashboard's expressions").isEmpty();
    }
  }

  /** Grafana's own variables in a Prometheus expression, as Grafana fills them in before it sends the query. */
  private static String grafanaVariables(String expr) {
    return expr.replace("$__rate_interval", "1m").replace("$__interval", "15s").replace("$__range", "6h");
  }

  private PrometheusText scrape(int port) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
    return new PrometheusText(r.body());
  }

  /**
   * Runs Debian's promtool ({@code apt-get install prometheus}) with {@code input} on stdin; returns its complaints,
   * empty when it accepted. Without promtool the test fails, saying so.
   */
  private static String promtool(Path tmp, List<String> args, String input) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(System.getenv().getOrDefault("ROADSTREAM_TEST_PROMTOOL", "promtool"));
    command.addAll(args);
    Path out = tmp.resolve("promtool.out");
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    } catch (IOException e) {
      throw new AssertionError("promtool is needed to check the exposition format: apt-get install -y prometheus "
          + "(or set ROADSTREAM_TEST_PROMTOOL)", e);
    }
    p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    String said = Files.readString(out);
    return p.exitValue() == 0 ? "" : said.isBlank() ? "exit " + p.exitValue() : said;
  }

  private static List<ProducerRecord<byte[], byte[]>> simulate(Topics topics, Instant start, Duration length) {
    SimulationSettings settings = SimulationSettings.defaults(start).withSeed(20261128).withDemandScale(0.3);
    TrafficSimulation simulation = new TrafficSimulation(NETWORK, new ScenarioLoader().load("morning-peak"), settings);
    EventCodec codec = new EventCodec();
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
    simulation.advanceTo(start.plus(length).toEpochMilli(), new SimulationListener() {
      @Override
      public void onReading(SensorReading r) {
        out.add(new ProducerRecord<>(topics.readings(), r.sensorId().getBytes(StandardCharsets.UTF_8), codec.encode(r)));
      }

      @Override
      public void onPosition(ProbePosition p) {
        out.add(new ProducerRecord<>(topics.positions(), p.vehicleId().getBytes(StandardCharsets.UTF_8),
            codec.encode(p)));
      }
    });
    return out;
  }
}
