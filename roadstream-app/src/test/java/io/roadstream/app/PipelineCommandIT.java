package io.roadstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.embedded.FreePort;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code roadstream pipeline} checks its Kafka before it starts a MiniCluster: a broker that does not answer and
 * topics that do not exist are one clear line each, not the sources' and sinks' warnings until Ctrl-C; {@code
 * --create-topics} creates what is missing.
 */
@ExtendWith(KafkaTestBroker.class)
class PipelineCommandIT {

  private static final List<String> TOPICS = List.of("readings", "positions", "reports", "segment-stats",
      "congestion", "incidents", "alerts", "signal-plans", "dead-letters");

  @TempDir Path dir;

  private record Run(int exitCode, String err) {}

  private Run roadstream(String bootstrap, String prefix, String... more) {
    StringWriter err = new StringWriter();
    CommandLine cli = Roadstream.commandLine();
    cli.setErr(new PrintWriter(err, true));
    String[] args = Stream.concat(Stream.of("pipeline", "--kafka", bootstrap, "--set", "kafka.topicPrefix=" + prefix,
        "--set", "pipeline.jobName=" + prefix + "job", "--set", "pipeline.checkpointDir=" + dir.resolve("checkpoints")),
        Stream.of(more)).toArray(String[]::new);
    return new Run(cli.execute(args), err.toString());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void missingTopicsAreNamedAndCreatedOnlyWhenAsked(EmbeddedKafkaBroker broker, KafkaTestClients kafka)
      throws Exception {
    String prefix = "pipeline-" + UUID.randomUUID().toString().substring(0, 8) + ".";

    Run refused = roadstream(broker.bootstrapServers(), prefix);

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("the job needs topics that " + broker.bootstrapServers() + " does not have: ",
        prefix + "readings", prefix + "dead-letters", "--create-topics", "docs/deploy.md");
    assertThat(prefixed(kafka.admin().listTopics().names().get(), prefix)).as("nothing created").isEmpty();

    // a bounded run over the created (empty) topics starts the job and ends
    Run created = roadstream(broker.bootstrapServers(), prefix, "--create-topics", "--bounded");

    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(prefixed(kafka.admin().listTopics().names().get(), prefix))
        .containsExactlyInAnyOrderElementsOf(TOPICS.stream().map(t -> prefix + t).toList());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aKafkaThatDoesNotAnswerIsOneClearLine() {
    String nobody = "127.0.0.1:" + FreePort.on("127.0.0.1");

    // the clients' own timeouts, shortened so that the test does not wait the default 30 s
    Run run = roadstream(nobody, "nowhere.", "--set",
        "kafka.clientProperties=request.timeout.ms=2000;default.api.timeout.ms=3000");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("roadstream: cannot reach Kafka at " + nobody)
        .contains("Is the broker running and the address right (--kafka host:port)?");
  }

  private static List<String> prefixed(Set<String> names, String prefix) {
    return names.stream().filter(n -> n.startsWith(prefix)).toList();
  }
}
