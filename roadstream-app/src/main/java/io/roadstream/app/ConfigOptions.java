package io.roadstream.app;

import io.roadstream.core.config.ConfigLoader;
import io.roadstream.core.config.RoadstreamConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command shares: a configuration file and key=value overrides. */
public final class ConfigOptions {

  @Option(names = "--config", paramLabel = "FILE",
      description = "roadstream.yaml to read (default: ./roadstream.yaml if present; every key has a default)")
  Path file;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "override one setting by its YAML path, e.g. --set kafka.partitions=8 (repeatable)")
  Map<String, String> overrides = new LinkedHashMap<>();

  /**
   * The configuration of a command that works against an existing Kafka cluster: {@code kafkaFlag} (its --kafka, may
   * be null) overrides kafka.bootstrap, and one of the two must be given.
   */
  public RoadstreamConfig loadWithKafka(String kafkaFlag, String command) {
    RoadstreamConfig cfg = load(kafkaFlag == null ? Map.of() : Map.of("kafka.bootstrap", kafkaFlag));
    if (cfg.kafka().bootstrap().isBlank()) {
      throw new IllegalArgumentException(command + " needs a Kafka cluster: pass --kafka HOST:PORT (a running "
          + "`roadstream demo` prints its broker's address) or set kafka.bootstrap");
    }
    return cfg;
  }

  /** Defaults → file → ROADSTREAM_* environment → --set → the command's own flags ({@code extra}). */
  public RoadstreamConfig load(Map<String, String> extra) {
    Path config = file;
    if (config == null && Files.isRegularFile(Path.of("roadstream.yaml"))) {
      config = Path.of("roadstream.yaml");
    }
    Map<String, String> all = new LinkedHashMap<>(overrides);
    all.putAll(extra);
    return new ConfigLoader().load(config, System.getenv(), all);
  }
}
