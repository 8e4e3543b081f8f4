package io.roadstream.app.runtime;

import io.roadstream.core.codec.DecodeException;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the pipeline from the outside, through Kafka: events in (end offsets of the raw topics, which are written
 * without transactions), segment stats out (rows the materializer made durable), dead letters (counted by reading
 * the topic, since transaction markers make its offsets overcount, and by reason code) and the consumer lag of the
 * materializer, and of every consumer group under the given prefixes, per topic (for /metrics).
 * Rates are over the last 10 s of samples.
 */
public final class PipelineMonitor implements Runnable, AutoCloseable {

  /** One measurement. */
  public record Sample(Instant at, long eventsIn, long statsOut, long deadLetters, long consumerLag) {}

  /** Rates and totals for people. */
  public record Status(double eventsInPerSecond, double statsOutPerSecond, long eventsIn, long statsOut,
      long deadLetters, long consumerLag, Instant asOf) {}

  private static final Logger LOG = LoggerFactory.getLogger(PipelineMonitor.class);
  private static final Duration RATE_WINDOW = Duration.ofSeconds(10);
  /** Listing every group's offsets is heavier than the end offsets: every 5 s is plenty for a dashboard. */
  private static final Duration GROUP_LAG_EVERY = Duration.ofSeconds(5);
  /** The label of a dead letter whose own JSON cannot be read (it is counted all the same). */
  public static final String UNREADABLE_REASON = "UNREADABLE";

  /** A consumer group's lag on one topic: records it has still to read. */
  public record GroupLag(String group, String topic, long lag) {}

  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> deadLetterReader;
  private final Topics topics;
  private final String materializerGroup;
  private final LongSupplier statsWritten;
  private final Clock clock;
  private final List<String> groupPrefixes;
  private final EventCodec codec = new EventCodec();
  private final Deque<Sample> samples = new ArrayDeque<>();
  private long deadLetters;
  private final Map<String, Long> deadLettersByReason = new ConcurrentHashMap<>();
  private final Map<String, Long> rawRecords = new ConcurrentHashMap<>();
  private volatile List<GroupLag> groupLags = List.of();
  private Instant groupLagsAt = Instant.MIN;
  private volatile boolean running = true;
  private volatile Status latest;

  public PipelineMonitor(Map<String, Object> clientProperties, Topics topics, String materializerGroup,
      LongSupplier statsWritten, Clock clock) {
    this(clientProperties, topics, materializerGroup, List.of(), statsWritten, clock);
  }

  /**
   * @param groupPrefixes the lag of every consumer group named {@code <prefix>-…} is measured per topic
   *                      ({@link #groupLags()})
   */
  public PipelineMonitor(Map<String, Object> clientProperties, Topics topics, String materializerGroup,
      List<String> groupPrefixes, LongSupplier statsWritten, Clock clock) {
    this.groupPrefixes = List.copyOf(groupPrefixes);
    this.admin = Admin.create(clientProperties);
    Map<String, Object> consumerProps = new HashMap<>(clientProperties);
    consumerProps.put("isolation.level", "read_committed");
    consumerProps.put("enable.auto.commit", "false");
    this.deadLetterReader = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topics = topics;
    this.materializerGroup = materializerGroup;
    this.statsWritten = statsWritten;
    this.clock = clock;
    this.latest = new Status(0, 0, 0, 0, 0, 0, clock.instant());
    // every reason from zero: a counter that first appears at 1 hides that first increase from rate() and increase()
    for (io.roadstream.core.event.DeadLetterReason reason : io.roadstream.core.event.DeadLetterReason.values()) {
      deadLettersByReason.put(reason.name(), 0L);
    }
  }

  @Override
  public void run() {
    try {
      List<TopicPartition> deadLetterPartitions = partitions(topics.deadLetters());
      deadLetterReader.assign(deadLetterPartitions);
      deadLetterReader.seekToBeginning(deadLetterPartitions);
      while (running) {
        for (ConsumerRecord<byte[], byte[]> letter : deadLetterReader.poll(Duration.ofSeconds(1))) {
          deadLetters++;
          deadLettersByReason.merge(reasonOf(letter.value()), 1L, Long::sum);
        }
        try {
          record(sample());
          if (!groupPrefixes.isEmpty()
              && Duration.between(groupLagsAt, clock.instant()).compareTo(GROUP_LAG_EVERY) >= 0) {
            groupLags = measureGroupLags();
            groupLagsAt = clock.instant();
          }
        } catch (Exception e) {
          LOG.debug("cannot sample Kafka offsets: {}", e.toString());
        }
      }
    } catch (org.apache.kafka.common.errors.WakeupException e) {
      // closing
    } catch (Exception e) {
      if (running) {
        LOG.warn("pipeline monitor stopped: {}", e.toString());
      }
    } finally {
      deadLetterReader.close(Duration.ofSeconds(2));
      admin.close(Duration.ofSeconds(2));
    }
  }

  private String reasonOf(byte[] value) {
    try {
      return codec.decodeDeadLetter(value == null ? new byte[0] : value).reasonCode().name();
    } catch (DecodeException | RuntimeException e) {
      return UNREADABLE_REASON;
    }
  }

  private Sample sample() throws Exception {
    long eventsIn = 0;
    for (String topic : topics.raw()) {
      long records = endOffsets(topic, IsolationLevel.READ_UNCOMMITTED).values().stream().mapToLong(Long::longValue)
          .sum();
      rawRecords.put(topic, records);
      eventsIn += records;
    }
    long lag = 0;
    Map<TopicPartition, Long> statsEnd = endOffsets(topics.segmentStats(), IsolationLevel.READ_COMMITTED);
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(materializerGroup)
        .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
    for (var end : statsEnd.entrySet()) {
      OffsetAndMetadata c = committed.get(end.getKey());
      lag += Math.max(0, end.getValue() - (c == null ? 0 : c.offset()));
    }
    return new Sample(clock.instant(), eventsIn, statsWritten.getAsLong(), deadLetters, lag);
  }

  /** Lag per group and topic of the groups under {@code groupPrefixes}: committed-read end offset − committed. */
  private List<GroupLag> measureGroupLags() throws Exception {
    List<GroupLag> lags = new ArrayList<>();
    Map<String, Map<TopicPartition, Long>> ends = new HashMap<>();
    for (var listing : admin.listConsumerGroups().all().get(5, TimeUnit.SECONDS)) {
      String group = listing.groupId();
      if (groupPrefixes.stream().noneMatch(p -> group.startsWith(p + "-"))) {
        continue;
      }
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
      Map<String, Long> perTopic = new TreeMap<>();
      for (var c : committed.entrySet()) {
        if (c.getValue() == null) {
          continue;
        }
        String topic = c.getKey().topic();
        Map<TopicPartition, Long> end = ends.get(topic);
        if (end == null) {
          end = endOffsets(topic, IsolationLevel.READ_COMMITTED);
          ends.put(topic, end);
        }
        long lag = Math.max(0, end.getOrDefault(c.getKey(), 0L) - c.getValue().offset());
        perTopic.merge(topic, lag, Long::sum);
      }
      perTopic.forEach((topic, lag) -> lags.add(new GroupLag(group, topic, lag)));
    }
    lags.sort(java.util.Comparator.comparing(GroupLag::group).thenComparing(GroupLag::topic));
    return List.copyOf(lags);
  }

  private void record(Sample now) {
    samples.addLast(now);
    while (samples.size() > 2 && Duration.between(samples.peekFirst().at(), now.at()).compareTo(RATE_WINDOW) > 0) {
      samples.removeFirst();
    }
    Sample first = samples.peekFirst();
    double seconds = Math.max(0.001, Duration.between(first.at(), now.at()).toMillis() / 1000.0);
    latest = new Status(
        samples.size() < 2 ? 0 : (now.eventsIn() - first.eventsIn()) / seconds,
        samples.size() < 2 ? 0 : (now.statsOut() - first.statsOut()) / seconds,
        now.eventsIn(), now.statsOut(), now.deadLetters(), now.consumerLag(), now.at());
  }

  private List<TopicPartition> partitions(String topic) throws Exception {
    TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
    return d.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
  }

  private Map<TopicPartition, Long> endOffsets(String topic, IsolationLevel isolation) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (TopicPartition tp : partitions(topic)) {
      request.put(tp, OffsetSpec.latest());
    }
    Map<TopicPartition, Long> result = new HashMap<>();
    admin.listOffsets(request, new ListOffsetsOptions(isolation)).all().get(5, TimeUnit.SECONDS)
        .forEach((tp, info) -> result.put(tp, info.offset()));
    return result;
  }

  public Status status() {
    return latest;
  }

  /** Dead letters read so far, by reason code ({@link #UNREADABLE_REASON} for one that cannot be decoded). */
  public Map<String, Long> deadLettersByReason() {
    return Map.copyOf(deadLettersByReason);
  }

  /** Records on each raw topic (its end offsets), as of the last sample. */
  public Map<String, Long> rawRecords() {
    return Map.copyOf(rawRecords);
  }

  /** The lag of each consumer group under the prefixes, per topic, as of the last measurement (every 5 s). */
  public List<GroupLag> groupLags() {
    return groupLags;
  }

  @Override
  public void close() {
    running = false;
    deadLetterReader.wakeup();
  }
}
