package io.roadstream.store;

import io.roadstream.core.codec.DecodeException;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one derived topic into PostgreSQL. Reads only committed records (the job writes transactionally), writes
 * each poll's records in one database transaction, and commits the Kafka offsets only after that transaction: a
 * crash between the two replays records whose writes are idempotent, so each record ends up in the database once.
 * While PostgreSQL is unavailable it pauses, retries with backoff and catches up; nothing is lost. A record that
 * cannot be decoded goes to the dead letters before its offset is committed. See {@link Materializers} for the
 * topics' instances. The same loop feeds other durable sinks with the same guarantees (the dispatcher's delivery log,
 * a RabbitMQ exchange); {@code sinkName} names them in the log.
 *
 * @param <T> the topic's event type
 */
public final class Materializer<T> implements Runnable, AutoCloseable {

  /** Bytes to event; a {@link DecodeException} sends the record to the dead letters. */
  @FunctionalInterface
  public interface Decoder<T> {
    T decode(byte[] value) throws DecodeException;
  }

  /** A record (with its topic, partition and offset) to event; a {@link DecodeException} dead-letters it. */
  @FunctionalInterface
  public interface RecordDecoder<T> {
    T decode(ConsumerRecord<byte[], byte[]> record) throws DecodeException;
  }

  /** Told how long each write that succeeded took (metrics); called on the materializer's thread. */
  @FunctionalInterface
  public interface WriteTimer {
    void written(int events, long nanos);
  }

  /** Writes one poll's events durably, idempotently, in one transaction. */
  @FunctionalInterface
  public interface Writer<T> {
    void write(List<T> events) throws SQLException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(Materializer.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> deadLetterProducer;
  private final String topic;
  private final String deadLetterTopic;
  private final RecordDecoder<T> decoder;
  private final String sinkName;
  private final Writer<T> writer;
  private final Consumer<List<T>> onWritten;
  private final EventCodec codec = new EventCodec();
  private final AtomicLong rowsWritten = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();
  private volatile boolean running = true;
  private volatile boolean databaseAvailable = true;
  private volatile WriteTimer writeTimer = (events, nanos) -> { };

  /**
   * @param kafkaProperties bootstrap servers and any security settings; group, isolation and (de)serializers are set here
   * @param groupId         consumer group: materializers of one deployment share it and split the partitions
   * @param onWritten       called with each batch after it is durable and committed (live views, metrics)
   */
  public Materializer(Map<String, Object> kafkaProperties, String groupId, String topic, String deadLetterTopic,
      Decoder<T> decoder, Writer<T> writer, Consumer<List<T>> onWritten) {
    this(kafkaProperties, groupId, topic, deadLetterTopic, record -> decoder.decode(record.value()), writer, onWritten,
        "PostgreSQL");
  }

  /**
   * A loop whose decoder sees the whole record, into any sink.
   *
   * @param sinkName what {@code writer} writes to, for the log: "PostgreSQL", "RabbitMQ exchange x"
   */
  public Materializer(Map<String, Object> kafkaProperties, String groupId, String topic, String deadLetterTopic,
      RecordDecoder<T> decoder, Writer<T> writer, Consumer<List<T>> onWritten, String sinkName) {
    Map<String, Object> consumerProps = new HashMap<>(kafkaProperties);
    consumerProps.put("group.id", groupId);
    consumerProps.put("isolation.level", "read_committed");
    consumerProps.put("enable.auto.commit", "false");
    consumerProps.put("auto.offset.reset", "earliest");
    consumerProps.put("max.poll.records", "2000");
    consumerProps.put("client.id", groupId + "-" + topic);
    this.consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    Map<String, Object> producerProps = new HashMap<>(kafkaProperties);
    producerProps.put("acks", "all");
    producerProps.put("enable.idempotence", "true");
    this.deadLetterProducer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = topic;
    this.deadLetterTopic = deadLetterTopic;
    this.decoder = decoder;
    this.sinkName = sinkName;
    this.writer = writer;
    this.onWritten = onWritten;
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(topic));
      while (running) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) {
          process(records);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      consumer.close(Duration.ofSeconds(5));
      deadLetterProducer.close(Duration.ofSeconds(5));
    }
  }

  private void process(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
    List<T> events = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      try {
        events.add(decoder.decode(record));
      } catch (DecodeException e) {
        publishDeadLetter(record, e);
      }
    }
    // the consumer's position is past every record of this poll and past the transaction markers that follow them;
    // committing it (rather than last offset + 1) lets the group's lag drop to zero when all is written
    for (TopicPartition partition : records.partitions()) {
      offsets.put(partition, new OffsetAndMetadata(consumer.position(partition)));
    }
    writeUntilDurable(events);
    try {
      consumer.commitSync(offsets);
    } catch (CommitFailedException | RebalanceInProgressException e) {
      // the partitions moved to another materializer while we wrote; it re-reads them, and the upsert is idempotent
      LOG.info("offsets not committed after a rebalance ({}); the new owner will rewrite the same rows", e.getMessage());
    }
    rowsWritten.addAndGet(events.size());
    onWritten.accept(events);
  }

  /** Retries the same rows until PostgreSQL has them, polling paused partitions meanwhile to stay in the group. */
  private void writeUntilDurable(List<T> events) throws InterruptedException {
    Duration backoff = Duration.ofMillis(200);
    while (running) {
      try {
        long started = System.nanoTime();
        writer.write(events);
        writeTimer.written(events.size(), System.nanoTime() - started);
        if (!databaseAvailable) {
          LOG.info("{} is available again; writing {} resumes", sinkName, topic);
          databaseAvailable = true;
          consumer.resume(consumer.paused());
        }
        return;
      } catch (SQLException | RuntimeException e) {
        if (databaseAvailable) {
          LOG.warn("cannot write {} to {} ({}); retrying with backoff, offsets stay uncommitted", topic, sinkName,
              e.getMessage());
          databaseAvailable = false;
        }
        consumer.pause(consumer.assignment());
        consumer.poll(backoff); // waits, and keeps the consumer's group membership alive
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
    throw new InterruptedException("stopped while " + sinkName + " was unavailable; the batch will be replayed");
  }

  private void publishDeadLetter(ConsumerRecord<byte[], byte[]> record, DecodeException e) {
    DeadLetter letter = new DeadLetter(record.topic(), record.partition(), record.offset(),
        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
        record.value() == null ? new byte[0] : record.value(), e.reason(), e.getMessage(), System.currentTimeMillis());
    try {
      deadLetterProducer.send(new ProducerRecord<>(deadLetterTopic, null, letter.time(),
          letter.reasonCode().name().getBytes(StandardCharsets.UTF_8), codec.encode(letter))).get();
      deadLetters.incrementAndGet();
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing a dead letter", ie);
    } catch (ExecutionException ee) {
      // the offset must not be committed past a record we could not park: fail, the batch is replayed
      throw new IllegalStateException("cannot write dead letter for " + letter, ee.getCause());
    }
  }

  /** Times each successful write from now on (before {@link #run()}, or at any time: the timer is swapped whole). */
  public Materializer<T> timeWrites(WriteTimer timer) {
    this.writeTimer = java.util.Objects.requireNonNull(timer, "timer");
    return this;
  }

  /** The topic it reads. */
  public String topic() {
    return topic;
  }

  /** Where it writes, for people and metrics: "PostgreSQL", "Redis", "RabbitMQ exchange x". */
  public String sinkName() {
    return sinkName;
  }

  /** Events written to the sink so far. */
  public long rowsWritten() {
    return rowsWritten.get();
  }

  public long deadLetters() {
    return deadLetters.get();
  }

  /** False while the sink (PostgreSQL for the materializers) refuses writes and the loop retries. */
  public boolean databaseAvailable() {
    return databaseAvailable;
  }

  /** Stops the loop; the thread running {@link #run()} closes the clients. */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
  }
}
