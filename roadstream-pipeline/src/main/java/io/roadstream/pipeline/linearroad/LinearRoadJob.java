package io.roadstream.pipeline.linearroad;

import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.pipeline.KafkaConnectors;
import io.roadstream.pipeline.RoadstreamJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Linear Road benchmark as a Flink job: rows from the {@code <prefix>linear-road} topic (one partition, the
 * benchmark file's CSV lines), answers to {@code <prefix>linear-road-answers} and dead letters to
 * {@code <prefix>dead-letters}, exactly once.
 *
 * <pre>flink run -c io.roadstream.pipeline.linearroad.LinearRoadJob roadstream-pipeline-job.jar \
 *     --toll-history lr-1x-30min.tolls.dat.gz [--config roadstream.yaml] [--set kafka.bootstrap=host:9092 ...]</pre>
 *
 * The toll history file must be readable at the same path on every task manager.
 */
public final class LinearRoadJob {

  private LinearRoadJob() {}

  public static void main(String[] args) throws Exception {
    String tollHistory = null;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--toll-history") && i + 1 < args.length) {
        tollHistory = args[++i];
      } else {
        rest.add(args[i]);
      }
    }
    if (tollHistory == null || !Files.isReadable(Path.of(tollHistory))) {
      throw new IllegalArgumentException("--toll-history FILE is required and must be readable (got " + tollHistory
          + "): the VID,Day,XWay,Toll history that daily-expenditure queries are answered from");
    }
    RoadstreamConfig config = RoadstreamJob.parseArguments(rest.toArray(String[]::new));
    if (config.kafka().bootstrap().isBlank()) {
      throw new IllegalArgumentException("kafka.bootstrap is empty: pass --set kafka.bootstrap=host:port "
          + "(or ROADSTREAM_KAFKA_BOOTSTRAP) to name the Kafka cluster");
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    build(env, config, new LinearRoadWorkflow.Settings(tollHistory), false);
    env.execute(config.pipeline().jobName() + "-linear-road");
  }

  /**
   * Configures {@code env} as the traffic job does (checkpointing, parallelism, no Kryo) and adds the Linear Road job.
   *
   * @param boundedInput stop at the topic's end offsets as of the start (tests, benchmark runs)
   */
  public static void build(StreamExecutionEnvironment env, RoadstreamConfig config,
      LinearRoadWorkflow.Settings settings, boolean boundedInput) {
    build(env, config, settings, new KafkaConnectors(config).linearRoadSource(boundedInput));
  }

  /**
   * As {@link #build(StreamExecutionEnvironment, RoadstreamConfig, LinearRoadWorkflow.Settings, boolean)}, reading the
   * rows from {@code source}: e.g. a Kafka source that stops at offsets only the caller knows, as the benchmark's,
   * which starts the job before its input is written.
   */
  public static void build(StreamExecutionEnvironment env, RoadstreamConfig config,
      LinearRoadWorkflow.Settings settings, Source<LinearRoadRow, ?, ?> source) {
    RoadstreamJob.configure(env, config.pipeline());
    KafkaConnectors kafka = new KafkaConnectors(config);
    DataStream<LinearRoadRow> rows = env
        .fromSource(source,
            LinearRoadWorkflow.watermarks(Duration.ofSeconds(config.pipeline().idlenessSeconds())),
            "kafka: linear-road")
        .uid("kafka-linear-road");
    LinearRoadWorkflow.Outputs out = LinearRoadWorkflow.define(rows, settings);
    out.answers().sinkTo(kafka.linearRoadAnswerSink())
        .name("kafka: linear-road-answers").uid("kafka-linear-road-answers");
    out.deadLetters().sinkTo(kafka.deadLetterSink("linear-road-dead-letters"))
        .name("kafka: dead-letters").uid("kafka-linear-road-dead-letters");
  }
}
