package io.roadstream.pipeline;

import io.roadstream.core.config.ConfigLoader;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.congestion.JamSettings;
import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The roadstream Flink job: Kafka readings and positions in, segment statistics and dead letters out.
 *
 * <pre>flink run roadstream-pipeline-job.jar [--config roadstream.yaml] [--set kafka.bootstrap=host:9092 ...]</pre>
 *
 * The same wiring runs embedded in {@code roadstream demo} (see {@link #build}).
 */
public final class RoadstreamJob {

  private RoadstreamJob() {}

  public static void main(String[] args) throws Exception {
    RoadstreamConfig config = parseArguments(args);
    if (config.kafka().bootstrap().isBlank()) {
      throw new IllegalArgumentException("kafka.bootstrap is empty: pass --set kafka.bootstrap=host:port "
          + "(or ROADSTREAM_KAFKA_BOOTSTRAP) to name the Kafka cluster");
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    RoadNetwork network = new RoadNetworkLoader().load(config.network());
    build(env, config, network, false);
    env.execute(config.pipeline().jobName());
  }

  /** Configures {@code env} (checkpointing, parallelism, no Kryo) and adds the whole job to it. */
  public static void build(StreamExecutionEnvironment env, RoadstreamConfig config, RoadNetwork network,
      boolean boundedInput) {
    configure(env, config.pipeline());
    KafkaConnectors kafka = new KafkaConnectors(config);
    RoadstreamConfig.Pipeline p = config.pipeline();
    // idleness is wall-clock time; a bounded run needs none (each split's end releases the watermark), and with it a
    // partition starved of CPU on a loaded machine would let the others' watermark run ahead and make its events late
    WatermarkStrategy<TrafficEvent> watermarks = EventTime.strategy(
        Duration.ofSeconds(p.maxOutOfOrdernessSeconds()), boundedInput ? null : Duration.ofSeconds(p.idlenessSeconds()));
    DataStream<TrafficEvent> events = env
        .fromSource(kafka.source(network, boundedInput), watermarks, "kafka: readings + positions + reports")
        .uid("kafka-traffic-events");
    TrafficWorkflow.Outputs out = TrafficWorkflow.define(events, network, TrafficWorkflow.Settings.of(config));
    out.stats().sinkTo(kafka.statsSink()).name("kafka: segment-stats").uid("kafka-segment-stats");
    out.congestion().sinkTo(kafka.congestionSink()).name("kafka: congestion").uid("kafka-congestion");
    out.incidents().sinkTo(kafka.incidentSink()).name("kafka: incidents").uid("kafka-incidents");
    out.alerts().sinkTo(kafka.alertSink()).name("kafka: alerts").uid("kafka-alerts");
    out.signalPlans().sinkTo(kafka.signalPlanSink()).name("kafka: signal-plans").uid("kafka-signal-plans");
    out.deadLetters().sinkTo(kafka.deadLetterSink()).name("kafka: dead-letters").uid("kafka-dead-letters");
  }

  public static void configure(StreamExecutionEnvironment env, RoadstreamConfig.Pipeline p) {
    Configuration options = new Configuration();
    // every event type is a POJO or record; a Kryo fallback would be a silent slowdown, so make it an error
    options.set(PipelineOptions.GENERIC_TYPES, false);
    // records are immutable and no function changes its input: chained operators may hand them on without a copy
    options.set(PipelineOptions.OBJECT_REUSE, true);
    options.set(StateBackendOptions.STATE_BACKEND, p.stateBackend());
    if (!p.checkpointDir().isBlank()) {
      options.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointUri(p.checkpointDir()));
      // kept when the job is cancelled or its process dies: the state a restarted job resumes from
      options.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
          ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    }
    env.configure(options);
    env.setParallelism(p.parallelism());
    env.enableCheckpointing(Duration.ofSeconds(p.checkpointIntervalSeconds()).toMillis(), CheckpointingMode.EXACTLY_ONCE);
  }

  /** A URI as it is; a plain path made absolute, as a file:// URI (relative to where the job is built). */
  public static String checkpointUri(String dir) {
    return dir.contains("://") ? dir : Path.of(dir).toAbsolutePath().normalize().toUri().toString();
  }

  /** {@code --config file} and {@code --set key=value} (repeatable); the environment applies as everywhere. */
  public static RoadstreamConfig parseArguments(String[] args) {
    Path file = null;
    Map<String, String> overrides = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--config") && i + 1 < args.length) {
        file = Path.of(args[++i]);
      } else if (arg.equals("--set") && i + 1 < args.length) {
        String kv = args[++i];
        int eq = kv.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--set expects key=value, got '" + kv + "'");
        }
        overrides.put(kv.substring(0, eq), kv.substring(eq + 1));
      } else {
        throw new IllegalArgumentException("unknown argument '" + arg
            + "'; usage: [--config roadstream.yaml] [--set key=value ...]");
      }
    }
    return new ConfigLoader().load(file, System.getenv(), overrides);
  }
}
