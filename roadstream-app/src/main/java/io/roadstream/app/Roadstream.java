package io.roadstream.app;

import io.roadstream.core.config.ConfigException;
import io.roadstream.core.network.NetworkFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code roadstream} command line. */
@Command(name = "roadstream", mixinStandardHelpOptions = true, version = "roadstream 0.1.0",
    description = "Real-time traffic monitoring on Apache Kafka and Apache Flink.",
    subcommands = {DemoCommand.class, ServeCommand.class, PipelineCommand.class, IngestCommand.class,
        ReplayCommand.class, ArchiveCommand.class, SavepointCommand.class, BenchCommand.class,
        CommandLine.HelpCommand.class})
public final class Roadstream {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line as {@code main} runs it: a user's mistake is one line on stderr and exit code 2. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Roadstream());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      // configuration and input problems are the user's to fix: say what, without a stack trace
      if (e instanceof ConfigException || e instanceof NetworkFormatException || e instanceof IllegalArgumentException
          || e instanceof IllegalStateException) {
        commandLine.getErr().println("roadstream: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    return cli;
  }
}
