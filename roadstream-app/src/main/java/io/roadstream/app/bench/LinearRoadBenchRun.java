package io.roadstream.app.bench;

import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.Topics;
import io.roadstream.core.linearroad.LinearRoadAnswers;
import io.roadstream.pipeline.linearroad.LinearRoadJob;
import io.roadstream.pipeline.linearroad.LinearRoadRow;
import io.roadstream.pipeline.linearroad.LinearRoadRowDeserializer;
import io.roadstream.pipeline.linearroad.LinearRoadWorkflow;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One run of the Linear Road benchmark at N expressways: fresh topics, the Linear Road job on a fresh MiniCluster
 * (started before any input, at-least-once output so that answers are readable as soon as they are written), a warm-up
 * row per input partition that the job must have dead-lettered before the clock starts, then the feeder at the
 * compressed real rate and the collector checking answers and latencies, then the Kafka pass-through reference over
 * the same input. The run's topics are deleted afterwards.
 */
public final class LinearRoadBenchRun {

  /** A row the job cannot parse: it goes to the dead letters, which shows the job is reading each partition. */
  static final byte[] WARM_UP_ROW = "roadstream bench linear-road: warm-up row".getBytes(StandardCharsets.US_ASCII);
  static final long LATENCY_LIMIT_MS = 5000;

  /**
   * @param config          this run's configuration (its topic prefix and job name are the run's own)
   * @param input           the input, already cut to the run's minutes
   * @param expectedAnswers the validator's answers for the input
   * @param tollHistory     VID,Day,XWay,Toll rows for the type-3 queries (widened with the rest)
   * @param abortAfterMs    give the run up once answers trail the input (or one answer took) this long
   * @param referenceRecords at most this many input records go through the Kafka pass-through reference
   */
  public record Settings(RoadstreamConfig config, LinearRoadRows input, Path expectedAnswers, Path tollHistory,
      double compression, Path workDirectory, long abortAfterMs, long referenceRecords, PrintWriter progress) {}

  /**
   * @param peakRowsPerSecond the schedule's rate in the input's busiest minute, all expressways
   * @param achievedPeakRowsPerSecond what the feeder really sent in that minute
   * @param maxSinceDueMs     the longest time from when an answer's row was due (by the schedule) to the answer: the
   *                          latency plus however late the feeder was
   * @param feederMaxLagMs    how far the feeder fell behind its schedule at worst
   * @param aborted           why the run was given up, null if it ran to the end
   * @param problems          what did not match, with examples ({@link WidenedAnswerCheck#report})
   */
  public record Result(int xways, double compression, int minutes, long inputRows, double peakRowsPerSecond,
      double achievedPeakRowsPerSecond, long answers, long expected, long matched, long differences,
      long maxLatencyMs, long p99LatencyMs, long p50LatencyMs, long over5s, long maxSinceDueMs, long over5sSinceDue,
      long feederMaxLagMs, long deadLetters,
      double passThroughRowsPerSecond, double seconds, String aborted, String problems) {

    public double matchedPercent() {
      return expected == 0 ? 0 : 100.0 * matched / expected;
    }

    /**
     * All answers right and none missing or extra, each within 5 s of when its row was due (so within 5 s of when it
     * was sent, and a feeder that fell behind counts against the run), nothing dead-lettered.
     */
    public boolean holds() {
      return aborted == null && differences == 0 && matched == expected && maxSinceDueMs <= LATENCY_LIMIT_MS
          && deadLetters == 0;
    }

    /** Why it does not hold, in a few words; empty if it holds. */
    public String verdict() {
      if (aborted != null) {
        return aborted;
      }
      StringBuilder s = new StringBuilder();
      if (differences > 0 || matched != expected) {
        s.append(differences).append(" answers wrong, missing or extra; ");
      }
      if (maxLatencyMs > LATENCY_LIMIT_MS) {
        s.append(over5s).append(" answers over 5 s; ");
      } else if (maxSinceDueMs > LATENCY_LIMIT_MS) {
        s.append(over5sSinceDue).append(" answers over 5 s after their row was due (the input fell ")
            .append(String.format("%.1f", feederMaxLagMs / 1000.0)).append(" s behind); ");
      }
      if (deadLetters > 0) {
        s.append(deadLetters).append(" rows dead-lettered; ");
      }
      return s.isEmpty() ? "" : s.substring(0, s.length() - 2);
    }
  }

  private final Settings settings;

  public LinearRoadBenchRun(Settings settings) {
    this.settings = settings;
  }

  public Result run(int xways) throws Exception {
    RoadstreamConfig config = settings.config();
    LinearRoadRows input = settings.input();
    ExpresswayWidening widening = ExpresswayWidening.of(input, xways);
    Topics topics = config.kafka().topics();
    Map<String, Object> client = KafkaClients.properties(config.kafka());
    int parallelism = config.pipeline().parallelism();
    int partitions = Math.min(xways, parallelism);
    String scratch = topics.prefix() + "passthrough";
    List<String> runTopics = List.of(topics.linearRoad(), topics.linearRoadAnswers(), topics.deadLetters(), scratch);
    long started = System.nanoTime();
    try (Admin admin = Admin.create(client)) {
      admin.createTopics(List.of(new NewTopic(topics.linearRoad(), partitions, (short) 1),
          new NewTopic(topics.linearRoadAnswers(), parallelism, (short) 1)
              .configs(Map.of("message.timestamp.type", "LogAppendTime")),
          new NewTopic(topics.deadLetters(), 1, (short) 1), new NewTopic(scratch, partitions, (short) 1)))
          .all().get(60, TimeUnit.SECONDS);
      try {
        return run(config, widening, topics, client, partitions, started);
      } finally {
        admin.deleteTopics(runTopics).all().get(60, TimeUnit.SECONDS);
      }
    }
  }

  private Result run(RoadstreamConfig config, ExpresswayWidening widening, Topics topics, Map<String, Object> client,
      int partitions, long started) throws Exception {
    LinearRoadRows input = settings.input();
    int xways = widening.copies();
    PrintWriter out = settings.progress();
    Path tolls = widenTollHistory(settings.tollHistory(), widening,
        settings.workDirectory().resolve("tolls-" + xways + "x.dat"));
    WidenedAnswerCheck check = WidenedAnswerCheck.load(settings.expectedAnswers(), input.seconds(), widening);
    long[] perPartition = LinearRoadFeeder.rowsPerPartition(input, xways, partitions);

    JobClient job = startJob(config, tolls, topics, perPartition);
    String aborted = null;
    LinearRoadFeeder feeder = null;
    AnswerCollector collector = null;
    Thread feederThread = null;
    Thread collectorThread = null;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
        new HashMap<>(KafkaClients.producerProperties(config.kafka())), new ByteArraySerializer(),
        new ByteArraySerializer())) {
      warmUp(producer, client, topics, partitions, job);
      feeder = new LinearRoadFeeder(input, widening, producer, topics.linearRoad(), partitions,
          settings.compression(), System.currentTimeMillis() + 200);
      collector = new AnswerCollector(client, topics.linearRoadAnswers(), check, feeder, xways);
      collectorThread = new Thread(collector, "linear-road-bench-answers");
      feederThread = new Thread(feeder, "linear-road-bench-feeder");
      collectorThread.start();
      feederThread.start();
      aborted = watch(job, feeder, collector, xways);
      if (aborted != null) {
        feeder.stop();
      }
      feederThread.join(TimeUnit.MINUTES.toMillis(2));
    } finally {
      if (!job.getJobExecutionResult().isDone()) {
        job.cancel().get(60, TimeUnit.SECONDS);
      }
      if (collector != null) {
        collector.drain();
        collectorThread.join(TimeUnit.MINUTES.toMillis(5));
      }
    }
    if (collector.failure() != null) {
      throw new IllegalStateException("reading the answers failed: " + collector.failure().getMessage(),
          collector.failure());
    }
    if (!collector.done()) {
      throw new IllegalStateException("reading the answers did not end within 5 minutes of the job");
    }
    check.finish();
    long deadLetters = countRecords(client, topics.deadLetters()) - partitions;
    double seconds = (System.nanoTime() - started) / 1e9;

    long total = input.rows() * (long) xways;
    long referenceRecords = Math.min(total, settings.referenceRecords());
    out.printf("  N=%d: Kafka pass-through reference over %,d of the run's input records …%n", xways,
        referenceRecords);
    out.flush();
    double passThrough = KafkaPassThrough.measure(client, topics.linearRoad(), topics.prefix() + "passthrough",
        referenceRecords);

    int busiest = input.busiestMinute();
    long busiestRows = (long) input.rowsInMinute(busiest) * xways;
    double minuteSeconds = Math.min(60, input.seconds() - busiest * 60);
    double peak = busiestRows * settings.compression() / minuteSeconds;
    long from = feeder.secondStarted(busiest * 60);
    long to = feeder.secondStarted((int) Math.min(busiest * 60L + 60, input.seconds()));
    double achieved = from > 0 && to > from ? busiestRows * 1000.0 / (to - from) : 0;
    LatencyHistogram latencies = collector.latencies();
    return new Result(xways, settings.compression(), input.seconds() / 60, feeder.rowsSent(), peak, achieved,
        collector.answers(), check.expected(), check.matched(), check.differences(), latencies.max(),
        latencies.percentile(0.99), latencies.percentile(0.5), latencies.above(LATENCY_LIMIT_MS),
        collector.maxSinceDueMs(), collector.over5sSinceDue(), feeder.maxLagMs(), deadLetters, passThrough, seconds, aborted,
        check.differences() == 0 ? "" : check.report());
  }

  /** Waits for the feeder and then the job, printing progress; the reason to give up, or null. */
  private String watch(JobClient job, LinearRoadFeeder feeder, AnswerCollector collector, int xways)
      throws InterruptedException {
    PrintWriter out = settings.progress();
    LinearRoadRows input = settings.input();
    long lastPrint = 0;
    long lastRows = 0;
    long lastAt = System.nanoTime();
    // once everything is sent, the job has as long as an answer may trail before the run is given up
    long feederDoneAt = 0;
    while (true) {
      TimeUnit.MILLISECONDS.sleep(250);
      long now = System.currentTimeMillis();
      if (feeder.failure() != null) {
        return "the input could not be written: " + feeder.failure().getMessage();
      }
      if (collector.failure() != null) {
        return "reading the answers failed: " + collector.failure().getMessage();
      }
      if (job.getJobExecutionResult().isDone()) {
        if (job.getJobExecutionResult().isCompletedExceptionally()) {
          try {
            job.getJobExecutionResult().get();
          } catch (Exception e) {
            return "the job failed: " + (e.getCause() == null ? e : e.getCause()).getMessage();
          }
        }
        if (!feeder.done()) {
          return "the job ended before its input did";
        }
        return null;
      }
      long behind = collector.behindMs(now);
      if (behind > settings.abortAfterMs() || collector.maxLatencyMs() > settings.abortAfterMs()) {
        return String.format("given up at simulated second %d: answers %.0f s behind the input",
            feeder.second(), Math.max(behind, collector.maxLatencyMs()) / 1000.0);
      }
      if (feeder.done() && feederDoneAt == 0) {
        feederDoneAt = now;
      }
      if (feederDoneAt > 0 && now - feederDoneAt > settings.abortAfterMs() + 60_000) {
        return "the job did not finish within " + (settings.abortAfterMs() / 1000 + 60) + " s of the input's end";
      }
      if (now - lastPrint >= 5000) {
        long rows = feeder.rowsSent();
        double rate = (rows - lastRows) * 1e9 / (System.nanoTime() - lastAt);
        out.printf("  N=%d ×%s: simulated second %,d/%,d · %,d rows sent (%,.0f rows/s) · %,d answers · "
                + "latency max %.1f s · answers behind %.1f s · input lag max %.1f s%n", xways,
            format(settings.compression()), Math.max(0, feeder.second()), input.seconds(), rows, rate,
            collector.answers(), collector.maxLatencyMs() / 1000.0, behind / 1000.0, feeder.maxLagMs() / 1000.0);
        out.flush();
        lastPrint = now;
        lastRows = rows;
        lastAt = System.nanoTime();
      }
    }
  }

  /** A compression factor as people write it: 10, not 10.0. */
  public static String format(double factor) {
    return factor == Math.rint(factor) ? String.valueOf((long) factor) : String.valueOf(factor);
  }

  private JobClient startJob(RoadstreamConfig config, Path tolls, Topics topics, long[] perPartition)
      throws Exception {
    int parallelism = config.pipeline().parallelism();
    Map<TopicPartition, Long> stopAt = new HashMap<>();
    for (int p = 0; p < perPartition.length; p++) {
      stopAt.put(new TopicPartition(topics.linearRoad(), p), perPartition[p] + 1); // + its warm-up row
    }
    Properties client = new Properties();
    client.putAll(config.kafka().clientPropertiesMap());
    // Bounded by the offsets the feeder will reach: the job ends by itself once it has read everything, and the
    // end of its input releases the last event-time timers (the last second's balance queries).
    KafkaSource<LinearRoadRow> source = KafkaSource.<LinearRoadRow>builder()
        .setBootstrapServers(config.kafka().bootstrap())
        .setTopics(topics.linearRoad())
        .setGroupId(config.pipeline().jobName() + "-linear-road")
        .setClientIdPrefix(config.pipeline().jobName() + "-linear-road-source")
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setBounded(OffsetsInitializer.offsets(stopAt))
        .setDeserializer(new LinearRoadRowDeserializer())
        .setProperties(client)
        // a run never resumes: no consumer group to keep, and no coordinator to wait for
        .setProperty("commit.offsets.on.checkpoint", "false")
        .build();
    Configuration flink = new Configuration();
    flink.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    flink.set(RestOptions.BIND_PORT, "0");
    flink.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, flink);
    LinearRoadJob.build(env, config, new LinearRoadWorkflow.Settings(tolls.toAbsolutePath().toString()), source);
    return env.executeAsync(config.pipeline().jobName());
  }

  /** One unparseable row per input partition; returns once the job has dead-lettered them all. */
  private static void warmUp(KafkaProducer<byte[], byte[]> producer, Map<String, Object> client, Topics topics,
      int partitions, JobClient job) throws Exception {
    for (int p = 0; p < partitions; p++) {
      producer.send(new ProducerRecord<>(topics.linearRoad(), p, null, WARM_UP_ROW)).get(30, TimeUnit.SECONDS);
    }
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (countRecords(client, topics.deadLetters()) < partitions) {
      if (job.getJobExecutionResult().isDone()) {
        job.getJobExecutionResult().get(); // throws the job's failure
        throw new IllegalStateException("the Linear Road job ended before it read its warm-up rows");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the Linear Road job did not start reading its input within 3 minutes");
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  /** Records in {@code topic}: its end offsets (no transactions are written in a benchmark run). */
  static long countRecords(Map<String, Object> client, String topic) {
    try (Admin admin = Admin.create(client)) {
      var description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
      Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
      description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()),
          org.apache.kafka.clients.admin.OffsetSpec.latest()));
      long total = 0;
      for (var offsets : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values()) {
        total += offsets.offset();
      }
      return total;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot count the records of " + topic + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the toll history for every copy: each row once per copy, with the copy's VID and XWay, so that a widened
   * type-3 query finds what the original one found.
   */
  static Path widenTollHistory(Path history, ExpresswayWidening widening, Path target) {
    try (BufferedReader in = LinearRoadAnswers.lines(history);
         BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.US_ASCII)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",");
        if (f.length != 4) {
          throw new IllegalArgumentException(history + ": '" + line + "' is not VID,Day,XWay,Toll");
        }
        int vid = Integer.parseInt(f[0].trim());
        int day = Integer.parseInt(f[1].trim());
        int xway = Integer.parseInt(f[2].trim());
        int toll = Integer.parseInt(f[3].trim());
        for (int copy = 0; copy < widening.copies(); copy++) {
          w.write(widening.tollHistoryRow(vid, day, xway, toll, copy));
          w.newLine();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot widen the toll history " + history, e);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(history + " is not a VID,Day,XWay,Toll file: " + e.getMessage(), e);
    }
    return target;
  }
}
