package io.roadstream.app.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roadstream.app.kafka.CommittedRecords;
import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.app.kafka.TopicCreator;
import io.roadstream.app.runtime.EmbeddedPipeline;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.ConfigLoader;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.Topics;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.core.traffic.SegmentObservations;
import io.roadstream.core.traffic.SegmentStatsCalculator;
import io.roadstream.embedded.KafkaLogLevels;
import io.roadstream.ingest.simulator.ScenarioLoader;
import io.roadstream.ingest.simulator.SimulationListener;
import io.roadstream.ingest.simulator.SimulationSettings;
import io.roadstream.ingest.simulator.TrafficSimulation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Java half of {@code deploy/cluster/run-cluster-check.sh}: it produces the simulator's traffic, computes the
 * reference, waits on the Flink REST API, and compares a cluster's segment statistics with the reference window by
 * window. Each step is a subcommand, so that the script keeps the order of things (and the killing) in one place:
 *
 * <pre>
 * topics    --bootstrap B --prefixes p1,p2 --replication 3 --brokers 3
 * reference --bootstrap B --prefix P --minutes M --out FILE      the embedded pipeline over the same events
 * produce   --bootstrap B --prefix P --from MIN --to MIN [--speed X]
 * await     --rest URL (--slots N | --job ID) --timeout-s S
 * verify    --bootstrap B --prefix P --reference FILE --until MIN --timeout-s S --label TEXT
 * report    --rest URL --job ID                                   restarts, their causes, checkpoints
 * </pre>
 *
 * Traffic is always the same: the morning-peak scenario on metroville from 06:45, fixed seed, so that any slice of it
 * ({@code --from}/{@code --to}, minutes of event time after 06:45) is the same events in every process.
 */
public final class ClusterCheck {

  static final Instant START = Instant.parse("2026-11-26T06:45:00Z");
  static final long SEED = 20261127L;
  /** Half the scenario's demand: enough traffic for every segment to have windows, little enough for a busy 2-core CI. */
  static final double DEMAND_SCALE = 0.5;
  private static final double RELATIVE_TOLERANCE = 1e-9;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> options;

  private ClusterCheck(Map<String, String> options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    KafkaLogLevels.quietUnlessConfigured();
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: ClusterCheck topics|reference|produce|await|verify|report --option value …");
    }
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --option value, got '" + args[i] + "'");
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    ClusterCheck check = new ClusterCheck(options);
    int status = switch (args[0]) {
      case "topics" -> check.topics();
      case "reference" -> check.reference();
      case "produce" -> check.produce();
      case "await" -> check.await();
      case "verify" -> check.verify();
      case "report" -> check.report();
      default -> throw new IllegalArgumentException("unknown subcommand " + args[0]);
    };
    System.exit(status);
  }

  private String option(String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  private String option(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }

  private RoadstreamConfig config(String prefix, Map<String, String> extra) {
    Map<String, String> overrides = new HashMap<>(extra);
    overrides.put("kafka.bootstrap", option("bootstrap"));
    overrides.put("kafka.topicPrefix", prefix);
    return new ConfigLoader().load(null, Map.of(), overrides);
  }

  // ---- topics -----------------------------------------------------------------------------------------------------

  /** Waits until every broker is in the cluster, then creates the topics of each prefix. */
  private int topics() throws Exception {
    int brokers = Integer.parseInt(option("brokers", "3"));
    RoadstreamConfig any = config("", Map.of());
    Map<String, Object> client = KafkaClients.properties(any.kafka());
    try (Admin admin = Admin.create(client)) {
      awaitUntil("Kafka cluster of " + brokers + " brokers", Duration.ofSeconds(60), () -> {
        try {
          return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= brokers;
        } catch (Exception e) {
          return false;
        }
      });
    }
    short replication = Short.parseShort(option("replication", "3"));
    int partitions = Integer.parseInt(option("partitions", "4"));
    List<String> topics = new ArrayList<>();
    for (String prefix : option("prefixes").split(",")) {
      topics.addAll(new Topics(prefix).all());
    }
    TopicCreator.ensure(client, topics, partitions, replication);
    System.out.printf("%d topics, %d partitions each, replication factor %d%n", topics.size(), partitions, replication);
    return 0;
  }

  // ---- traffic ----------------------------------------------------------------------------------------------------

  /** The simulator's events with event time in [from, to) minutes after {@link #START}. */
  private static void simulate(RoadNetwork network, long fromMinute, long toMinute, SimulationListener listener) {
    SimulationSettings settings = SimulationSettings.defaults(START).withSeed(SEED).withDemandScale(DEMAND_SCALE);
    TrafficSimulation simulation = new TrafficSimulation(network, new ScenarioLoader().load("morning-peak"), settings);
    long from = START.plus(Duration.ofMinutes(fromMinute)).toEpochMilli();
    long to = START.plus(Duration.ofMinutes(toMinute)).toEpochMilli();
    // readings carry their interval's start and are reported at its end: run on until every reading before `to` is out
    simulation.advanceTo(to + Duration.ofMinutes(2).toMillis(), new SimulationListener() {
      @Override
      public void onReading(SensorReading r) {
        if (r.time() >= from && r.time() < to) {
          listener.onReading(r);
        }
      }

      @Override
      public void onPosition(ProbePosition p) {
        if (p.time() >= from && p.time() < to) {
          listener.onPosition(p);
        }
      }
    });
  }

  /**
   * Produces the slice [from, to) of the traffic, in the simulator's order; with {@code --speed} paced at that many
   * simulated seconds per second (events are held until their event time is due), else as fast as Kafka takes them.
   */
  private int produce() {
    RoadstreamConfig cfg = config(option("prefix"), Map.of());
    Topics topics = cfg.kafka().topics();
    long fromMinute = Long.parseLong(option("from"));
    long toMinute = Long.parseLong(option("to"));
    double speed = Double.parseDouble(option("speed", "0"));
    RoadNetwork network = new RoadNetworkLoader().load(cfg.network());
    EventCodec codec = new EventCodec();
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    simulate(network, fromMinute, toMinute, new SimulationListener() {
      @Override
      public void onReading(SensorReading r) {
        records.add(new ProducerRecord<>(topics.readings(), r.sensorId(), codec.encode(r)));
        times.add(r.time());
      }

      @Override
      public void onPosition(ProbePosition p) {
        records.add(new ProducerRecord<>(topics.positions(), p.vehicleId(), codec.encode(p)));
        times.add(p.time());
      }
    });
    long simFrom = START.plus(Duration.ofMinutes(fromMinute)).toEpochMilli();
    long began = System.nanoTime();
    long[] failed = new long[1];
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producerProperties(cfg.kafka()),
        new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < records.size(); i++) {
        if (speed > 0) {
          long dueNanos = began + (long) ((times.get(i) - simFrom) / speed * 1e6);
          long wait = dueNanos - System.nanoTime();
          if (wait > 1_000_000) {
            producer.flush();
            sleep(wait / 1_000_000);
          }
        }
        producer.send(records.get(i), (metadata, e) -> {
          if (e != null) {
            synchronized (failed) {
              if (failed[0]++ == 0) {
                System.err.println("produce failed: " + e);
              }
            }
          }
        });
      }
      producer.flush();
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    System.out.printf("produced %,d events of %s–%s (event time) in %.1f s%s%n", records.size(), clock(fromMinute),
        clock(toMinute), seconds, speed > 0 ? String.format(" (paced at %.0f× real time)", speed) : "");
    if (failed[0] > 0) {
      System.err.printf("%,d events were not acknowledged by Kafka%n", failed[0]);
      return 1;
    }
    return 0;
  }

  // ---- reference --------------------------------------------------------------------------------------------------

  /**
   * The reference: the same events through the embedded pipeline (MiniCluster, bounded), its segment statistics
   * written to {@code --out}, one JSON object a line; checked against core's pure calculation on the way.
   */
  private int reference() throws Exception {
    String prefix = option("prefix");
    long minutes = Long.parseLong(option("minutes"));
    // bounded: the end of the input closes every window, so no partition needs to be declared idle, ever; with the
    // default 10 s, a partition this busy machine does not get to for 10 s could have its events arrive late
    RoadstreamConfig cfg = config(prefix, Map.of("pipeline.parallelism", option("parallelism", "2"),
        "pipeline.jobName", "roadstream-reference", "pipeline.idlenessSeconds", "3600"));
    Topics topics = cfg.kafka().topics();
    RoadNetwork network = new RoadNetworkLoader().load(cfg.network());
    EventCodec codec = new EventCodec();
    Map<String, SegmentObservations> observations = new HashMap<>();
    long window = cfg.pipeline().windowSeconds() * 1000L;
    long[] events = new long[1];
    long began = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producerProperties(cfg.kafka()),
        new StringSerializer(), new ByteArraySerializer())) {
      simulate(network, 0, minutes, new SimulationListener() {
        @Override
        public void onReading(SensorReading r) {
          producer.send(new ProducerRecord<>(topics.readings(), r.sensorId(), codec.encode(r)));
          String segment = network.detector(r.sensorId()).orElseThrow().segmentId();
          observations.computeIfAbsent(segment + "|" + (r.time() - r.time() % window), k -> new SegmentObservations())
              .add(r);
          events[0]++;
        }

        @Override
        public void onPosition(ProbePosition p) {
          producer.send(new ProducerRecord<>(topics.positions(), p.vehicleId(), codec.encode(p)));
          observations.computeIfAbsent(p.segmentId() + "|" + (p.time() - p.time() % window),
              k -> new SegmentObservations()).add(p);
          events[0]++;
        }
      });
      producer.flush();
    }
    System.out.printf("reference: %,d events of %s–%s produced in %.1f s%n", events[0], clock(0), clock(minutes),
        (System.nanoTime() - began) / 1e9);
    began = System.nanoTime();
    try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(cfg, network, true)) {
      pipeline.awaitFinished(5, TimeUnit.MINUTES);
    }
    List<SegmentStats> embedded = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : readCommitted(cfg, topics.segmentStats(), Duration.ofSeconds(60))) {
      embedded.add(codec.decodeStats(r.value()));
    }
    System.out.printf("reference: embedded pipeline (MiniCluster, parallelism %d, bounded) ran in %.1f s: "
        + "%,d windows%n", cfg.pipeline().parallelism(), (System.nanoTime() - began) / 1e9, embedded.size());

    List<SegmentStats> core = new ArrayList<>();
    observations.forEach((key, o) -> {
      String[] parts = key.split("\\|");
      long start = Long.parseLong(parts[1]);
      core.add(SegmentStatsCalculator.compute(network.requireSegment(parts[0]), start, start + window, o));
    });
    Comparison sanity = Comparison.of(embedded, core);
    sanity.print("reference: embedded pipeline vs core's pure calculation");
    if (!sanity.passed()) {
      return 1;
    }
    try (var out = Files.newBufferedWriter(Path.of(option("out")))) {
      for (SegmentStats s : embedded) {
        out.write(new String(codec.encode(s), StandardCharsets.UTF_8));
        out.write('\n');
      }
    }
    return 0;
  }

  // ---- verify -----------------------------------------------------------------------------------------------------

  /**
   * Waits until the cluster's segment-stats topic (read_committed) holds every reference window that ends by
   * {@code --until} (minutes after the start), then compares them: each exactly once, values equal.
   */
  private int verify() throws Exception {
    RoadstreamConfig cfg = config(option("prefix"), Map.of());
    EventCodec codec = new EventCodec();
    List<SegmentStats> reference = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(option("reference")))) {
      reference.add(codec.decodeStats(line.getBytes(StandardCharsets.UTF_8)));
    }
    long until = START.plus(Duration.ofMinutes(Long.parseLong(option("until")))).toEpochMilli();
    List<SegmentStats> expected = reference.stream().filter(s -> s.windowEnd() <= until).toList();
    Duration timeout = Duration.ofSeconds(Long.parseLong(option("timeout-s", "180")));
    long began = System.nanoTime();
    List<SegmentStats> actual = new ArrayList<>();
    double waited;
    boolean complete;
    Map<String, Object> props = KafkaClients.properties(cfg.kafka());
    props.put("isolation.level", "read_committed");
    String topic = cfg.kafka().topics().segmentStats();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Set<String> wanted = new HashSet<>(expected.stream().map(ClusterCheck::key).toList());
      Set<String> present = new HashSet<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      long lastReport = System.nanoTime();
      while (present.size() < wanted.size() && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          SegmentStats s = codec.decodeStats(r.value());
          if (s.windowEnd() <= until) {
            actual.add(s);
            if (wanted.contains(key(s))) {
              present.add(key(s));
            }
          }
        }
        if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(15)) {
          System.out.printf("  … %,d of %,d windows committed after %.0f s%n", present.size(), wanted.size(),
              (System.nanoTime() - began) / 1e9);
          lastReport = System.nanoTime();
        }
      }
      waited = (System.nanoTime() - began) / 1e9;
      complete = present.size() == wanted.size();
      // and what the next checkpoints commit (5 s apart): a window written again would come after its first record
      long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(complete ? 8 : 0);
      do {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          SegmentStats s = codec.decodeStats(r.value());
          if (s.windowEnd() <= until) {
            actual.add(s);
          }
        }
      } while (System.nanoTime() < settle);
    }
    long deadLetters = readCommitted(cfg, cfg.kafka().topics().deadLetters(), Duration.ofSeconds(30)).size();
    Comparison comparison = Comparison.of(actual, expected);
    System.out.printf("%s: windows ending by %s, %s %.1f s after the check began; dead letters %d%n",
        option("label", "check"), clock(Long.parseLong(option("until"))),
        complete ? "all committed" : "NOT all committed, gave up", waited, deadLetters);
    comparison.print("  cluster vs embedded reference");
    return comparison.passed() && deadLetters == 0 ? 0 : 1;
  }

  /**
   * The outcome of comparing the windows read (in the order of their partition, as a materializer applies them) with
   * the expected ones. A window's last record is its value; a record equal to an earlier one of the same window is a
   * repeat (exactly-once broken); a different later one is an update (late events within the allowed lateness, which
   * downstream replaces the earlier row with).
   */
  record Comparison(int expectedWindows, int actualRecords, int equal, int missing, int extra, int repeated,
      int updated, int different, long events, double maxAbsDifference, List<String> examples) {

    static Comparison of(List<SegmentStats> actual, List<SegmentStats> expected) {
      Map<String, List<SegmentStats>> byKey = new TreeMap<>();
      for (SegmentStats s : actual) {
        byKey.computeIfAbsent(key(s), k -> new ArrayList<>()).add(s);
      }
      int equal = 0;
      int missing = 0;
      int repeated = 0;
      int updated = 0;
      int different = 0;
      long events = 0;
      double maxDiff = 0;
      List<String> examples = new ArrayList<>();
      Map<String, SegmentStats> expectedByKey = new HashMap<>();
      for (SegmentStats e : expected) {
        expectedByKey.put(key(e), e);
        List<SegmentStats> got = byKey.get(key(e));
        if (got == null) {
          missing++;
          note(examples, "missing " + key(e));
          continue;
        }
        if (got.size() > 1) {
          if (got.stream().distinct().count() < got.size()) {
            repeated++;
            note(examples, "repeated " + key(e) + ": " + got.size() + " records, " + got.stream().distinct().count()
                + " distinct");
          } else {
            updated++;
            note(examples, "updated " + key(e) + ": " + got.size() + " records");
          }
        }
        events += e.detectorSamples() + e.probeSamples();
        SegmentStats last = got.get(got.size() - 1);
        double d = ClusterCheck.maxAbsDifference(last, e);
        if (Double.isNaN(d)) {
          different++;
          note(examples, "different " + key(e) + ":\n      got      " + last + "\n      expected " + e);
        } else {
          equal++;
          maxDiff = Math.max(maxDiff, d);
        }
      }
      int extra = 0;
      for (String k : byKey.keySet()) {
        if (!expectedByKey.containsKey(k)) {
          extra++;
          note(examples, "extra " + k);
        }
      }
      return new Comparison(expected.size(), actual.size(), equal, missing, extra, repeated, updated, different,
          events, maxDiff, examples);
    }

    boolean passed() {
      return missing == 0 && extra == 0 && repeated == 0 && different == 0 && equal == expectedWindows;
    }

    void print(String title) {
      System.out.printf("%s: %s%n    %,d windows expected, %,d records read: %,d equal · %d missing · %d extra · "
          + "%d repeated · %d updated · %d different; %,d events in them; max abs difference %.3g%n", title,
          passed() ? "EQUAL" : "DIFFERENT", expectedWindows, actualRecords, equal, missing, extra, repeated, updated,
          different, events, maxAbsDifference);
      examples.forEach(e -> System.out.println("    " + e));
    }

    private static void note(List<String> examples, String text) {
      if (examples.size() < 10) {
        examples.add(text);
      }
    }
  }

  /**
   * The largest absolute difference between two windows' numbers, or NaN when they differ in anything else (a null,
   * the Level of Service, the sample counts) or by more than a relative 1e-9 (sums folded in another order).
   */
  static double maxAbsDifference(SegmentStats a, SegmentStats e) {
    if (a.windowEnd() != e.windowEnd() || a.los() != e.los() || a.detectorSamples() != e.detectorSamples()
        || a.probeSamples() != e.probeSamples()) {
      return Double.NaN;
    }
    double max = 0;
    Double[][] pairs = {{a.avgSpeedKmh(), e.avgSpeedKmh()}, {a.flowVehPerHour(), e.flowVehPerHour()},
        {a.densityVehPerKmPerLane(), e.densityVehPerKmPerLane()}, {a.occupancy(), e.occupancy()},
        {a.travelTimeS(), e.travelTimeS()}};
    for (Double[] pair : pairs) {
      if (pair[0] == null || pair[1] == null) {
        if (pair[0] != pair[1]) {
          return Double.NaN;
        }
        continue;
      }
      double d = Math.abs(pair[0] - pair[1]);
      if (d > RELATIVE_TOLERANCE * Math.max(1.0, Math.max(Math.abs(pair[0]), Math.abs(pair[1])))) {
        return Double.NaN;
      }
      max = Math.max(max, d);
    }
    return max;
  }

  private static String key(SegmentStats s) {
    return s.segmentId() + "@" + Instant.ofEpochMilli(s.windowStart()).toString().substring(11, 16);
  }

  private static List<ConsumerRecord<byte[], byte[]>> readCommitted(RoadstreamConfig cfg, String topic,
      Duration timeout) {
    return CommittedRecords.read(KafkaClients.properties(cfg.kafka()), topic, timeout);
  }

  // ---- Flink REST -------------------------------------------------------------------------------------------------

  /** {@code --slots N}: N task slots registered; {@code --job ID}: the job RUNNING with every task RUNNING. */
  private int await() {
    String rest = option("rest");
    Duration timeout = Duration.ofSeconds(Long.parseLong(option("timeout-s", "60")));
    long began = System.nanoTime();
    if (options.containsKey("slots")) {
      int slots = Integer.parseInt(option("slots"));
      awaitUntil(slots + " task slots at " + rest, timeout, () -> {
        JsonNode overview = get(rest + "/overview");
        return overview != null && overview.path("slots-total").asInt() >= slots;
      });
      JsonNode overview = get(rest + "/overview");
      System.out.printf("Flink: %d TaskManagers, %d slots (%.1f s)%n", overview.path("taskmanagers").asInt(),
          overview.path("slots-total").asInt(), (System.nanoTime() - began) / 1e9);
    } else {
      String job = option("job");
      long restarted = Long.parseLong(option("restarted", "0"));
      awaitUntil("job " + job + " running with all its tasks" + (restarted > 0 ? " after a restart" : ""), timeout,
          () -> {
        if (restarted > 0 && restarts(rest, job) < restarted) {
          return false;
        }
        JsonNode details = get(rest + "/jobs/" + job);
        if (details == null || !details.path("state").asText().equals("RUNNING")) {
          return false;
        }
        for (JsonNode vertex : details.path("vertices")) {
          if (!vertex.path("status").asText().equals("RUNNING")) {
            return false;
          }
        }
        return true;
      });
      System.out.printf("job %s running, every task RUNNING%s (%.1f s)%n", job,
          restarted > 0 ? " after " + restarts(rest, job) + " restart(s)" : "", (System.nanoTime() - began) / 1e9);
    }
    return 0;
  }

  /** The job's restarts, the failures that caused them, and its checkpoints, from the JobManager. */
  private int report() {
    String rest = option("rest");
    String job = option("job");
    System.out.println("job restarts: " + restarts(rest, job));
    JsonNode checkpoints = get(rest + "/jobs/" + job + "/checkpoints");
    if (checkpoints != null) {
      JsonNode counts = checkpoints.path("counts");
      JsonNode latest = checkpoints.path("latest").path("completed");
      JsonNode summary = checkpoints.path("summary");
      System.out.printf("checkpoints: %d completed, %d failed, restored %d time(s); latest %,d bytes of state in %d ms; "
          + "end-to-end duration avg %d ms, max %d ms%n", counts.path("completed").asLong(),
          counts.path("failed").asLong(), counts.path("restored").asLong(), latest.path("state_size").asLong(),
          latest.path("end_to_end_duration").asLong(), summary.path("end_to_end_duration").path("avg").asLong(),
          summary.path("end_to_end_duration").path("max").asLong());
      JsonNode restored = checkpoints.path("latest").path("restored");
      if (!restored.isMissingNode() && !restored.isNull()) {
        System.out.printf("  restored checkpoint %d at %s%n", restored.path("id").asLong(),
            Instant.ofEpochMilli(restored.path("restore_timestamp").asLong()).toString().substring(11, 19));
      }
    }
    JsonNode exceptions = get(rest + "/jobs/" + job + "/exceptions?maxExceptions=10");
    if (exceptions != null) {
      for (JsonNode entry : exceptions.path("exceptionHistory").path("entries")) {
        String trace = entry.path("stacktrace").asText();
        String cause = trace.lines().filter(l -> l.startsWith("Caused by:")).reduce((x, y) -> y)
            .orElse(trace.lines().findFirst().orElse(entry.path("exceptionName").asText()));
        cause = cause.length() > 240 ? cause.substring(0, 240) + " …" : cause;
        System.out.printf("  failure at %s on %s: %s%n",
            Instant.ofEpochMilli(entry.path("timestamp").asLong()).toString().substring(11, 19),
            entry.path("taskManagerId").asText(entry.path("location").asText("?")), cause);
      }
    }
    return 0;
  }

  /** The job's numRestarts metric; -1 while the JobManager does not tell. */
  private static long restarts(String rest, String job) {
    JsonNode metrics = get(rest + "/jobs/" + job + "/metrics?get=numRestarts");
    return metrics == null || metrics.isEmpty() ? -1 : metrics.get(0).path("value").asLong(-1);
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  /** The JSON at {@code url}, or null when the server is not there (yet) or answers with an error. */
  private static JsonNode get(String url) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      return null;
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------------------------

  private static void awaitUntil(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      sleep(250);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String clock(long minutesAfterStart) {
    return START.plus(Duration.ofMinutes(minutesAfterStart)).toString().substring(11, 16);
  }
}
