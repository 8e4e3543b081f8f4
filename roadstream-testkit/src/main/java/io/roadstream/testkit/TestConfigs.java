package io.roadstream.testkit;

import io.roadstream.core.config.ConfigLoader;
import io.roadstream.core.config.RoadstreamConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Settings for one test's pipeline against a test broker. */
public final class TestConfigs {

  private TestConfigs() {}

  /**
   * The defaults against {@code bootstrap}, with a topic prefix and job name of their own (so tests never share
   * topics, consumer groups or transactional ids) and checkpoints every second (so exactly-once output shows soon), kept in memory.
   *
   * @param name      a word for the test, the start of its prefix
   * @param overrides further settings by YAML path
   */
  public static RoadstreamConfig isolated(String bootstrap, String name, Map<String, String> overrides) {
    String prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("kafka.bootstrap", bootstrap);
    settings.put("kafka.topicPrefix", prefix);
    settings.put("pipeline.jobName", prefix + "job");
    settings.put("pipeline.checkpointIntervalSeconds", "1");
    // in the JobManager's memory: a test that needs checkpoints on disk names its own temporary directory
    settings.put("pipeline.checkpointDir", "");
    settings.putAll(overrides);
    return new ConfigLoader().load(null, Map.of(), settings);
  }
}
