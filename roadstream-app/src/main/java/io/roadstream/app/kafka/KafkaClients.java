package io.roadstream.app.kafka;

import io.roadstream.core.config.RoadstreamConfig;
import java.util.HashMap;
import java.util.Map;

/** Client properties every roadstream Kafka client shares: the bootstrap servers and the configured extras. */
public final class KafkaClients {

  private KafkaClients() {}

  public static Map<String, Object> properties(RoadstreamConfig.Kafka kafka) {
    Map<String, Object> props = new HashMap<>(kafka.clientPropertiesMap());
    props.put("bootstrap.servers", kafka.bootstrap());
    return props;
  }

  /** An idempotent producer's settings: acks from all in-sync replicas, no duplicates on retry. */
  public static Map<String, Object> producerProperties(RoadstreamConfig.Kafka kafka) {
    Map<String, Object> props = properties(kafka);
    props.put("acks", "all");
    props.put("enable.idempotence", "true");
    props.put("compression.type", "lz4");
    props.put("linger.ms", "5");
    props.put("batch.size", String.valueOf(64 * 1024));
    return props;
  }
}
