package io.roadstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.roadstream.app.kafka.KafkaClients;
import io.roadstream.app.kafka.TopicCreator;
import io.roadstream.app.runtime.EmbeddedPipeline;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.embedded.FreePort;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.TestConfigs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code roadstream savepoint} against the REST API of a real Flink JobManager (the MiniCluster of {@code roadstream
 * pipeline --rest-port}) running the roadstream job: it finds the job by name, writes a savepoint Flink can restore,
 * stops the job with {@code --stop}, and the job starts again from what it wrote.
 */
@ExtendWith(KafkaTestBroker.class)
class SavepointCommandIT {

  private static final RoadNetwork NETWORK = new RoadNetworkLoader().load("metroville");
  private static final Pattern SAVEPOINT = Pattern.compile("savepoint (\\S+) \\(");

  @TempDir Path dir;

  private record Run(int exitCode, String out, String err) {}

  private static Run roadstream(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      // created after the switch: a command keeps the System.out of its creation
      CommandLine cli = Roadstream.commandLine();
      StringWriter err = new StringWriter();
      cli.setErr(new PrintWriter(err));
      return new Run(cli.execute(args), out.toString(StandardCharsets.UTF_8), err.toString());
    } finally {
      System.setOut(stdout);
    }
  }

  @Test
  void savesStopsAndResumesTheRunningJob(EmbeddedKafkaBroker broker) throws Exception {
    Path checkpoints = dir.resolve("checkpoints");
    RoadstreamConfig config = TestConfigs.isolated(broker.bootstrapServers(), "savepoint",
        Map.of("pipeline.checkpointDir", checkpoints.toString()));
    TopicCreator.ensure(KafkaClients.properties(config.kafka()), config.kafka().topics().all(), 2, (short) 1);
    int restPort = FreePort.on("127.0.0.1");
    String flink = "http://127.0.0.1:" + restPort;
    List<String> settings = List.of("--set", "pipeline.jobName=" + config.pipeline().jobName(),
        "--set", "pipeline.checkpointDir=" + checkpoints);

    try (EmbeddedPipeline job = EmbeddedPipeline.start(config, NETWORK, false, null, restPort)) {
      await("the job running").atMost(Duration.ofSeconds(60))
          .until(() -> job.job().getJobStatus().get() == JobStatus.RUNNING);

      Run unknown = roadstream("savepoint", "--flink", flink, "--set", "pipeline.jobName=no-such-job");
      assertThat(unknown.exitCode()).isEqualTo(2);
      assertThat(unknown.err()).contains("no running job is named 'no-such-job'", "--job");

      Run saved = roadstream(args("savepoint", "--flink", flink, settings));
      assertThat(saved.exitCode()).as(saved.out() + saved.err()).isZero();
      Path first = savepointIn(saved.out());
      assertThat(first).startsWith(checkpoints.resolve("savepoints"));
      assertThat(first.resolve("_metadata")).isNotEmptyFile();
      assertThat(job.job().getJobStatus().get()).as("a plain savepoint leaves the job running")
          .isEqualTo(JobStatus.RUNNING);

      Run stopped = roadstream(args("savepoint", "--flink", flink, "--stop", "--job", job.job().getJobID().toString(),
          "--dir", dir.resolve("upgrade").toUri().toString()));
      assertThat(stopped.exitCode()).as(stopped.out() + stopped.err()).isZero();
      Path last = savepointIn(stopped.out());
      assertThat(last).startsWith(dir.resolve("upgrade"));
      assertThat(last.resolve("_metadata")).isNotEmptyFile();
      Matcher location = SAVEPOINT.matcher(stopped.out());
      assertThat(location.find()).isTrue();
      assertThat(stopped.out()).contains("flink run -d -s " + location.group(1) + " ",
          "roadstream pipeline --from-savepoint " + location.group(1));
      // a stopped job ends normally (and takes its per-job MiniCluster with it)
      assertThat(job.job().getJobExecutionResult().get(60, TimeUnit.SECONDS).getJobID())
          .isEqualTo(job.job().getJobID());

      // an upgrade starts from it: every operator's state finds its uid
      try (EmbeddedPipeline resumed = EmbeddedPipeline.start(config, NETWORK, false, last.toString(), 0)) {
        await("the job running from the savepoint").atMost(Duration.ofSeconds(60))
            .until(() -> resumed.job().getJobStatus().get() == JobStatus.RUNNING);
      }
    }
  }

  /**
   * An upgrade that removes an operator (as issue #6 folded the vehicle clocks and the stopped-vehicle rule into one):
   * the savepoint holds state under the old uid, which the new job refuses unless told to drop it, as
   * {@code flink run --allowNonRestoredState} is; {@code roadstream pipeline --allow-non-restored-state} says so.
   */
  @Test
  void aSavepointWithStateOfARemovedOperatorStartsOnlyWhenToldToDropIt(EmbeddedKafkaBroker broker) throws Exception {
    RoadstreamConfig config = TestConfigs.isolated(broker.bootstrapServers(), "upgrade",
        Map.of("pipeline.checkpointDir", dir.resolve("checkpoints").toString()));
    TopicCreator.ensure(KafkaClients.properties(config.kafka()), config.kafka().topics().all(), 2, (short) 1);
    String savepoint = savepointOfAnOldOperator("vehicle-report-clocks");

    assertThatThrownBy(() -> {
      try (EmbeddedPipeline refused = EmbeddedPipeline.start(config, NETWORK, false, savepoint, 0)) {
        refused.job().getJobExecutionResult().get(60, TimeUnit.SECONDS);
      }
    }).as("the state of vehicle-report-clocks has no operator to go to")
        .hasStackTraceContaining("Cannot map checkpoint/savepoint state for operator");

    try (EmbeddedPipeline upgraded = EmbeddedPipeline.start(config, NETWORK, false, savepoint, 0, true)) {
      await("the job running from the savepoint, the old state dropped").atMost(Duration.ofSeconds(60))
          .until(() -> upgraded.job().getJobStatus().get() == JobStatus.RUNNING);
    }
    CommandLine.Model.OptionSpec flag = Roadstream.commandLine().getSubcommands().get("pipeline").getCommandSpec()
        .findOption("--allow-non-restored-state");
    assertThat(flag).as("roadstream pipeline offers it").isNotNull();
  }

  /** Stops a small job whose one keyed operator has {@code uid} and holds state, and returns its savepoint. */
  private String savepointOfAnOldOperator(String uid) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromSource(new DataGeneratorSource<>(i -> i, Long.MAX_VALUE, RateLimiterStrategy.perSecond(20), Types.LONG),
            WatermarkStrategy.noWatermarks(), "ticks").uid("ticks")
        .keyBy(i -> i % 4, Types.LONG)
        .map(new CountPerKey()).uid(uid)
        .sinkTo(new DiscardingSink<>());
    JobClient old = env.executeAsync("old version");
    await("the old job running").atMost(Duration.ofSeconds(60))
        .until(() -> old.getJobStatus().get() == JobStatus.RUNNING);
    // a savepoint needs every task running, and the state something in it
    return await("a savepoint of the old job").atMost(Duration.ofSeconds(60)).ignoreExceptions()
        .until(() -> old.stopWithSavepoint(false, dir.resolve("old").toUri().toString(),
            SavepointFormatType.CANONICAL).get(30, TimeUnit.SECONDS), location -> location != null);
  }

  /** Keyed state to leave behind in the savepoint. */
  private static final class CountPerKey extends RichMapFunction<Long, Long> {
    private transient ValueState<Long> count;

    @Override
    public void open(OpenContext context) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
    }

    @Override
    public Long map(Long value) throws Exception {
      long n = count.value() == null ? 1 : count.value() + 1;
      count.update(n);
      return n;
    }
  }

  private static String[] args(String first, String... rest) {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), java.util.Arrays.stream(rest))
        .toArray(String[]::new);
  }

  private static String[] args(String command, String flag, String value, List<String> more) {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(command, flag, value), more.stream())
        .toArray(String[]::new);
  }

  private static Path savepointIn(String out) {
    Matcher m = SAVEPOINT.matcher(out);
    assertThat(m.find()).as("a savepoint location in: " + out).isTrue();
    String location = m.group(1);
    Path path = location.startsWith("file:") ? Path.of(java.net.URI.create(location)) : Path.of(location);
    assertThat(Files.isDirectory(path)).as(path + " is a directory").isTrue();
    return path;
  }
}
