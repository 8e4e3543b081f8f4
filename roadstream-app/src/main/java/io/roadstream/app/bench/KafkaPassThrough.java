package io.roadstream.app.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The reference a Kafka benchmark is read against: one consumer reads a topic's records and one producer writes them
 * unchanged to a scratch topic, as fast as they go, with no parsing and no state — what this machine's Kafka moves.
 * {@code roadstream bench} and {@code roadstream bench linear-road} both measure it.
 */
public final class KafkaPassThrough {

  private KafkaPassThrough() {}

  /**
   * Moves the first {@code records} records of {@code source} (all partitions) to {@code target}.
   *
   * @return records per second
   * @throws IllegalStateException if they could not all be moved within ten minutes
   */
  public static double measure(Map<String, Object> client, String source, String target, long records) {
    return measure(client, List.of(source), target, records);
  }

  /**
   * Moves the first {@code records} records of {@code sources} (all their partitions) to {@code target}.
   *
   * @return records per second
   * @throws IllegalStateException if they could not all be moved within ten minutes
   */
  public static double measure(Map<String, Object> client, List<String> sources, String target, long records) {
    return move(client, sources, target, records).wholeRate();
  }

  /**
   * The pass-through's rate over the whole move, and over its steady part.
   *
   * @param whole     records per second from before the clients were created to the producer's last acknowledgement
   * @param sustained between the moments the 10 % and the 90 % record were handed to the producer, timed exactly
   *                  (the loop is in this thread); the producer's buffer is far smaller than the records in between,
   *                  so what it holds unacknowledged at the first moment it also holds at the second
   */
  public record Rates(double whole, SustainedRate sustained) {}

  /**
   * As {@link #measure(Map, List, String, long)}, with the sustained rate beside the whole one.
   *
   * @throws IllegalArgumentException if {@code records} is too few for a 10–90 % window (fewer than two)
   */
  public static Rates rates(Map<String, Object> client, List<String> sources, String target, long records) {
    Moved moved = move(client, sources, target, records);
    return new Rates(moved.wholeRate(), new SustainedRate(SustainedRate.fromCount(records), moved.fromNanos(),
        SustainedRate.toCount(records), moved.toNanos()));
  }

  /** What one move took: in all, and until the 10 % and 90 % records were handed over, in ns since its start. */
  private record Moved(long records, long totalNanos, long fromNanos, long toNanos) {
    double wholeRate() {
      return records * 1e9 / totalNanos;
    }
  }

  private static Moved move(Map<String, Object> client, List<String> sources, String target, long records) {
    Map<String, Object> consumerProps = new HashMap<>(client);
    consumerProps.put("max.poll.records", "5000");
    consumerProps.put("fetch.min.bytes", "65536");
    Map<String, Object> producerProps = new HashMap<>(client);
    producerProps.put("linger.ms", "5");
    producerProps.put("batch.size", String.valueOf(64 * 1024));
    producerProps.put("compression.type", "lz4");
    long from = SustainedRate.fromCount(records);
    long to = SustainedRate.toCount(records);
    long fromAt = -1;
    long toAt = -1;
    long moved = 0;
    long start = System.nanoTime();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
            new ByteArraySerializer())) {
      List<TopicPartition> partitions = sources.stream().flatMap(source -> consumer.partitionsFor(source).stream()
          .map(p -> new TopicPartition(source, p.partition()))).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      while (moved < records && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (moved < records) {
            producer.send(new ProducerRecord<>(target, null, r.timestamp(), r.key(), r.value()));
            moved++;
            if (moved == from) {
              fromAt = System.nanoTime() - start;
            }
            if (moved == to) {
              toAt = System.nanoTime() - start;
            }
          }
        }
      }
      producer.flush();
    }
    if (moved < records) {
      throw new IllegalStateException("the Kafka pass-through moved only " + moved + " of " + records + " records of "
          + String.join(", ", sources) + " in 10 minutes");
    }
    return new Moved(moved, System.nanoTime() - start, fromAt, toAt);
  }
}
