package io.roadstream.pipeline;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.codec.TrafficEventDecoder;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.Topics;
import io.roadstream.core.congestion.CongestionEvent;
import io.roadstream.core.event.Alert;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.core.event.Incident;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.pipeline.linearroad.LinearRoadRow;
import io.roadstream.pipeline.linearroad.LinearRoadRowDeserializer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The job's Kafka source and sinks, built from the configuration. */
public final class KafkaConnectors {

  /** Kafka refuses transactions longer than the broker's transaction.max.timeout.ms (15 min by default). */
  private static final String TRANSACTION_TIMEOUT_MS = String.valueOf(14 * 60 * 1000);

  private final RoadstreamConfig.Kafka kafka;
  private final Topics topics;
  private final String jobName;
  private final DeliveryGuarantee guarantee;

  public KafkaConnectors(RoadstreamConfig config) {
    this.kafka = config.kafka();
    this.topics = config.kafka().topics();
    this.jobName = config.pipeline().jobName();
    this.guarantee = DeliveryGuarantee.valueOf(
        config.pipeline().deliveryGuarantee().toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /**
   * Readings, positions and incident reports, from the committed offsets of the job's consumer group or the beginning.
   *
   * @param bounded stop at the offsets that are latest when the job starts (tests, replays)
   */
  public KafkaSource<TrafficEvent> source(RoadNetwork network, boolean bounded) {
    KafkaSourceBuilder<TrafficEvent> builder = KafkaSource.<TrafficEvent>builder()
        .setBootstrapServers(kafka.bootstrap())
        .setTopics(topics.readings(), topics.positions(), topics.reports())
        .setGroupId(jobName + "-pipeline")
        .setClientIdPrefix(jobName + "-source")
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new TrafficEventDeserializer(new TrafficEventDecoder(network, new EventCodec()),
            topics.readings(), topics.positions(), topics.reports()))
        .setProperty("isolation.level", "read_committed");
    if (bounded) {
      // a bounded source reads the partitions it started with (Flink turns discovery off and says so if asked)
      builder.setBounded(OffsetsInitializer.latest());
    } else {
      // new partitions are picked up without a restart
      builder.setProperty("partition.discovery.interval.ms", "60000");
    }
    return builder.setProperties(clientProperties()).build();
  }

  /**
   * Linear Road rows, from the committed offsets of the Linear Road consumer group or the beginning.
   *
   * @param bounded stop at the offsets that are latest when the job starts (tests, benchmark runs)
   */
  public KafkaSource<LinearRoadRow> linearRoadSource(boolean bounded) {
    KafkaSourceBuilder<LinearRoadRow> builder = KafkaSource.<LinearRoadRow>builder()
        .setBootstrapServers(kafka.bootstrap())
        .setTopics(topics.linearRoad())
        .setGroupId(jobName + "-linear-road")
        .setClientIdPrefix(jobName + "-linear-road-source")
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new LinearRoadRowDeserializer())
        .setProperty("isolation.level", "read_committed")
        .setProperties(clientProperties());
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  /** Linear Road answers as the validator's CSV rows, keyed by their type ("0", "1", "2" or "3"). */
  public KafkaSink<String> linearRoadAnswerSink() {
    String topic = topics.linearRoadAnswers();
    return sink("linear-road-answers", (KafkaRecordSerializationSchema<String>) (row, context, timestamp) ->
        new ProducerRecord<>(topic, row.substring(0, row.indexOf(',')).getBytes(StandardCharsets.US_ASCII),
            row.getBytes(StandardCharsets.US_ASCII)));
  }

  public KafkaSink<SegmentStats> statsSink() {
    String topic = topics.segmentStats();
    EventCodec codec = new EventCodec();
    return sink("stats", (KafkaRecordSerializationSchema<SegmentStats>) (stats, context, timestamp) ->
        new ProducerRecord<>(topic, stats.segmentId().getBytes(StandardCharsets.UTF_8), codec.encode(stats)));
  }

  /** Keyed by jam id, so one jam's events stay in order. */
  public KafkaSink<CongestionEvent> congestionSink() {
    String topic = topics.congestion();
    EventCodec codec = new EventCodec();
    return sink("congestion", (KafkaRecordSerializationSchema<CongestionEvent>) (event, context, timestamp) ->
        new ProducerRecord<>(topic, event.jamId().getBytes(StandardCharsets.UTF_8), codec.encode(event)));
  }

  /** Keyed by the alerted segment, so a receiver serving one road reads one partition's worth. */
  public KafkaSink<Alert> alertSink() {
    String topic = topics.alerts();
    EventCodec codec = new EventCodec();
    return sink("alerts", (KafkaRecordSerializationSchema<Alert>) (alert, context, timestamp) ->
        new ProducerRecord<>(topic, alert.segmentId().getBytes(StandardCharsets.UTF_8), codec.encode(alert)));
  }

  /** Keyed by intersection, so one intersection's plans stay in order. */
  public KafkaSink<SignalPlanRecord> signalPlanSink() {
    String topic = topics.signalPlans();
    EventCodec codec = new EventCodec();
    return sink("signal-plans", (KafkaRecordSerializationSchema<SignalPlanRecord>) (plan, context, timestamp) ->
        new ProducerRecord<>(topic, plan.intersectionId().getBytes(StandardCharsets.UTF_8), codec.encode(plan.toCore())));
  }

  /** Keyed by incident id, so one incident's lifecycle stays in order. */
  public KafkaSink<Incident> incidentSink() {
    String topic = topics.incidents();
    EventCodec codec = new EventCodec();
    return sink("incidents", (KafkaRecordSerializationSchema<Incident>) (incident, context, timestamp) ->
        new ProducerRecord<>(topic, incident.incidentId().getBytes(StandardCharsets.UTF_8), codec.encode(incident)));
  }

  public KafkaSink<DeadLetter> deadLetterSink() {
    return deadLetterSink("dead-letters");
  }

  /**
   * The dead-letter sink of one of several jobs writing to the topic: {@code name} keeps their transactional ids
   * apart, so that the jobs do not fence each other's producers.
   */
  public KafkaSink<DeadLetter> deadLetterSink(String name) {
    String topic = topics.deadLetters();
    EventCodec codec = new EventCodec();
    return sink(name, (KafkaRecordSerializationSchema<DeadLetter>) (letter, context, timestamp) ->
        new ProducerRecord<>(topic, null, letter.time(),
            letter.reasonCode().name().getBytes(StandardCharsets.UTF_8), codec.encode(letter)));
  }

  private <T> KafkaSink<T> sink(String name, KafkaRecordSerializationSchema<T> serializer) {
    return KafkaSink.<T>builder()
        .setBootstrapServers(kafka.bootstrap())
        .setRecordSerializer(serializer)
        .setDeliveryGuarantee(guarantee)
        .setTransactionalIdPrefix(jobName + "-" + name)
        .setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS)
        // batches of up to 64 KB, compressed: the settings the pass-through reference of `roadstream bench` uses
        .setProperty("compression.type", "lz4")
        .setProperty("linger.ms", "5")
        .setProperty("batch.size", String.valueOf(64 * 1024))
        .setKafkaProducerConfig(clientProperties())
        .build();
  }

  private Properties clientProperties() {
    Properties properties = new Properties();
    properties.putAll(kafka.clientPropertiesMap());
    return properties;
  }
}
