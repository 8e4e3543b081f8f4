package io.roadstream.app.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the answers topic while the run goes on: checks each answer ({@link WidenedAnswerCheck}) and takes its
 * latency, the broker's append time of the answer (the topic has {@code message.timestamp.type=LogAppendTime}: when it
 * became readable) minus when the feeder handed over the first row of the answer's copy and second. Reading as the
 * answers come lets a run that has fallen hopelessly behind be stopped early; the latencies do not depend on when
 * they are read. It also takes each answer's time since its row was due by the schedule, which is longer when the
 * feeder fell behind: the standard's clock, and the one a run must hold on. After {@link #drain}, it reads to the end offsets of that moment and stops.
 */
public final class AnswerCollector implements Runnable {

  private final Map<String, Object> consumerProperties;
  private final String topic;
  private final WidenedAnswerCheck check;
  private final LinearRoadFeeder feeder;
  private final LatencyHistogram latencies = new LatencyHistogram();
  private final AtomicIntegerArray lastAnsweredSecond;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile boolean draining;
  private volatile boolean done;
  private volatile long answers;
  private volatile long maxLatencyMs;
  private volatile long over5s;
  private volatile long maxSinceDueMs;
  private volatile long over5sSinceDue;

  public AnswerCollector(Map<String, Object> clientProperties, String topic, WidenedAnswerCheck check,
      LinearRoadFeeder feeder, int copies) {
    this.consumerProperties = new HashMap<>(clientProperties);
    consumerProperties.put("max.poll.records", "5000");
    this.topic = topic;
    this.check = check;
    this.feeder = feeder;
    this.lastAnsweredSecond = new AtomicIntegerArray(copies);
    for (int c = 0; c < copies; c++) {
      lastAnsweredSecond.set(c, -1);
    }
  }

  @Override
  public void run() {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = null;
      while (true) {
        if (draining && end == null) {
          end = consumer.endOffsets(partitions);
        }
        if (end != null && reached(consumer, end)) {
          break;
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          take(r);
        }
      }
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    } finally {
      done = true;
    }
  }

  private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void take(ConsumerRecord<byte[], byte[]> r) {
    if (r.timestampType() != TimestampType.LOG_APPEND_TIME) {
      throw new IllegalStateException(topic + " does not stamp records with their append time "
          + "(message.timestamp.type=LogAppendTime): latencies cannot be measured");
    }
    answers++;
    long trigger = check.accept(r.value() == null ? new byte[0] : r.value());
    if (trigger < 0) {
      return;
    }
    int copy = (int) (trigger >>> 32);
    int second = (int) trigger;
    long sent = feeder.firstSent(copy, second);
    if (sent == 0) {
      return; // an answer for a second never sent: the check has counted it as extra
    }
    long latency = r.timestamp() - sent;
    latencies.record(latency);
    if (latency > maxLatencyMs) {
      maxLatencyMs = latency;
    }
    if (latency > 5000) {
      over5s++;
    }
    // the standard's clock: from when the row was due, which a feeder that fell behind makes longer
    long sinceDue = r.timestamp() - feeder.dueAt(second);
    if (sinceDue > maxSinceDueMs) {
      maxSinceDueMs = sinceDue;
    }
    if (sinceDue > 5000) {
      over5sSinceDue++;
    }
    if (second > lastAnsweredSecond.get(copy)) {
      lastAnsweredSecond.set(copy, second);
    }
  }

  /**
   * How far the answers trail the input, ms: now minus when the feeder sent the second after the last one answered,
   * for the copy that trails most; 0 while nothing is outstanding.
   */
  public long behindMs(long now) {
    long worst = 0;
    int sending = feeder.second();
    for (int c = 0; c < lastAnsweredSecond.length(); c++) {
      int next = lastAnsweredSecond.get(c) + 1;
      if (next < sending) {
        long sent = feeder.firstSent(c, next);
        if (sent > 0) {
          worst = Math.max(worst, now - sent);
        }
      }
    }
    return worst;
  }

  /** Read to the answers' end offsets as of now, then stop. */
  public void drain() {
    draining = true;
  }

  public boolean done() {
    return done;
  }

  public Exception failure() {
    return failure.get();
  }

  public long answers() {
    return answers;
  }

  public long maxLatencyMs() {
    return maxLatencyMs;
  }

  public long over5s() {
    return over5s;
  }

  /** The longest time from when an answer's row was due (by the schedule) to the answer, ms. */
  public long maxSinceDueMs() {
    return maxSinceDueMs;
  }

  public long over5sSinceDue() {
    return over5sSinceDue;
  }

  /** The latencies; read them only once {@link #done}. */
  public LatencyHistogram latencies() {
    return latencies;
  }
}
