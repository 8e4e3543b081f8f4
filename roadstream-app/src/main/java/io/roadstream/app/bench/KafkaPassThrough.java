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
    Map<String, Object> consumerProps = new HashMap<>(client);
    consumerProps.put("max.poll.records", "5000");
    consumerProps.put("fetch.min.bytes", "65536");
    Map<String, Object> producerProps = new HashMap<>(client);
    producerProps.put("linger.ms", "5");
    producerProps.put("batch.size", String.valueOf(64 * 1024));
    producerProps.put("compression.type", "lz4");
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
          }
        }
      }
      producer.flush();
    }
    if (moved < records) {
      throw new IllegalStateException("the Kafka pass-through moved only " + moved + " of " + records + " records of "
          + String.join(", ", sources) + " in 10 minutes");
    }
    return moved * 1e9 / (System.nanoTime() - start);
  }
}
