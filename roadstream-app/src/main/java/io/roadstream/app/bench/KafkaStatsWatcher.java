package io.roadstream.app.bench;

import io.roadstream.core.codec.DecodeException;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.SegmentStats;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the segment-statistics topic as a downstream consumer would (read_committed: with exactly-once output a
 * window becomes visible when the job's checkpoint commits it) and notes when each window is first seen.
 */
public final class KafkaStatsWatcher implements Runnable, AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final StatsArrivals arrivals;
  private final EventCodec codec = new EventCodec();
  private volatile boolean running = true;
  private volatile long undecodable;
  private volatile long caughtUpAt = Long.MIN_VALUE;

  public KafkaStatsWatcher(Map<String, Object> client, String topic, StatsArrivals arrivals) {
    Map<String, Object> props = new HashMap<>(client);
    props.put("isolation.level", "read_committed");
    props.put("fetch.max.wait.ms", "10");
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topic = topic;
    this.arrivals = arrivals;
  }

  @Override
  public void run() {
    try {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (running) {
        long polledAt = System.nanoTime();
        var records = consumer.poll(Duration.ofMillis(100));
        long now = System.nanoTime();
        if (records.isEmpty() && atEnd(partitions)) {
          caughtUpAt = polledAt;
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
          try {
            SegmentStats s = codec.decodeStats(record.value());
            arrivals.seen(s.segmentId(), s.windowStart(), s.windowEnd(), now);
          } catch (DecodeException e) {
            undecodable++;
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  /** Whether this consumer's position is at the end (for read_committed: the last committed record) everywhere. */
  private boolean atEnd(List<TopicPartition> partitions) {
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
  }

  /**
   * Whether every record committed to the topic before {@code nanos} ({@link System#nanoTime()}) has been read:
   * a poll begun after it found nothing more up to the end.
   */
  public boolean caughtUpSince(long nanos) {
    return caughtUpAt != Long.MIN_VALUE && caughtUpAt - nanos >= 0;
  }

  /** Records of the topic that were not segment statistics (none, in a sound run). */
  public long undecodable() {
    return undecodable;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
  }
}
