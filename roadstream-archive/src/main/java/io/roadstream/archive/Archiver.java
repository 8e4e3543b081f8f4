package io.roadstream.archive;

import io.roadstream.archive.store.ArchiveStore;
import io.roadstream.core.codec.DecodeException;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archives the raw topics (readings, positions, reports) into Parquet files, each record exactly once. A Kafka
 * consumer of its own group ({@code read_committed}; more archivers in the group split the partitions) decodes each
 * record like every other consumer of the topic does and appends it to the open file of its kind, Kafka partition and
 * event-time hour ({@link ArchivePath}). A record that cannot be decoded is kept as it was, with the reason, in the
 * topic's rejected files (by the hour of its Kafka timestamp): the archive holds every offset of the topics, and the
 * dead letter is the job's alone. A record whose hour was archived long ago (a late one) opens one more file in that
 * hour's directory: nothing is dropped.
 *
 * <p>Files are rolled together: when the open files hold {@link Settings#rollBytes()} bytes, or {@link
 * Settings#rollInterval()} after the first record since the last commit, every open file is closed, published (an
 * atomic rename, or a completed upload) and only then are the consumed offsets committed. So every published file
 * holds only records below the committed offset, or only records at or above it.
 *
 * <p>A crash between publishing and committing leaves files whose records will be read again. The archiver that
 * next owns the partition removes them before it writes into their hour: when it first opens a file of a partition in
 * an hour, it deletes that partition's files there whose first offset is at or above the offset it started the
 * partition from (and stray staging files). The records are then written again, in files that may be cut elsewhere.
 * Hence each offset ends up in exactly one file, however often archivers crash or the group rebalances. A zombie (an
 * archiver that was expelled from the group but still publishes) can leave a file the new owner does not see; the
 * archive's reader drops such duplicates by partition and offset.
 */
public final class Archiver implements Runnable, AutoCloseable {

  /**
   * @param rollBytes   open files are closed, published and committed when they hold this many bytes together
   * @param rollInterval … or this long after the first record since the last commit
   */
  public record Settings(long rollBytes, Duration rollInterval, CompressionCodecName codec) {
    public static Settings of(io.roadstream.core.config.RoadstreamConfig.Archive archive) {
      return new Settings(archive.rollBytes(), Duration.ofSeconds(archive.rollIntervalSeconds()),
          io.roadstream.archive.parquet.ArchiveFiles.codec(archive.compression()));
    }
  }

  /** Runs after a batch's files are published and before its offsets are committed: where a crash hurts most. */
  @FunctionalInterface
  interface BeforeCommit {
    void run(List<ArchivePath> published);
  }

  private record Bucket(ArchiveKind<?> kind, int partition, long hourStart) {}

  private record Touched(ArchiveKind<?> kind, TopicPartition partition, long hourStart) {}

  private static final Logger LOG = LoggerFactory.getLogger(Archiver.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Topics topics;
  private final ArchiveStore store;
  private final Settings settings;
  private final Clock clock;
  private final BeforeCommit beforeCommit;
  private final EventCodec codec = new EventCodec();
  private final Map<Bucket, OpenFile<?>> open = new LinkedHashMap<>();
  /** Per partition: the offset of the last commit, or where the partition started when it was assigned. */
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  private final Set<Touched> cleaned = new HashSet<>();
  private long batchStartedAt = -1;
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong files = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong leftoversRemoved = new AtomicLong();
  private volatile boolean running = true;
  /**
   * Set when the loop has ended, cleanly or not: nothing is committed after that, not even by the revocation that
   * closing the consumer runs (which would commit the positions of a batch whose files were just dropped).
   */
  private boolean ended;

  /**
   * @param kafkaProperties bootstrap servers and security settings; group, isolation and deserializers are set here
   * @param groupId         the archivers of one archive share it and split the partitions
   */
  public Archiver(Map<String, Object> kafkaProperties, String groupId, Topics topics, ArchiveStore store,
      Settings settings, Clock clock) {
    this(kafkaProperties, groupId, topics, store, settings, clock, published -> { });
  }

  Archiver(Map<String, Object> kafkaProperties, String groupId, Topics topics, ArchiveStore store, Settings settings,
      Clock clock, BeforeCommit beforeCommit) {
    Map<String, Object> consumerProps = new HashMap<>(kafkaProperties);
    consumerProps.put("group.id", groupId);
    consumerProps.put("isolation.level", "read_committed");
    consumerProps.put("enable.auto.commit", "false");
    consumerProps.put("auto.offset.reset", "earliest");
    consumerProps.put("max.poll.records", "2000");
    consumerProps.put("client.id", groupId + "-archiver");
    this.consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topics = topics;
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.beforeCommit = beforeCommit;
  }

  /** The consumer group of the archivers of {@code topics}' deployment: {@code <topic prefix>archive}. */
  public static String groupId(Topics topics) {
    return topics.prefix() + "archive";
  }

  @Override
  public void run() {
    boolean stopped = false;
    try {
      consumer.subscribe(topics.raw(), new Rebalance());
      LOG.info("archiving {} into {}", topics.raw(), store.location());
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          archive(record);
        }
        if (rollDue()) {
          roll(true);
        }
      }
      stopped = true;
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
      stopped = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the archive in " + store.location() + ": " + e.getMessage()
          + "; the records since the last commit will be archived again at the next start", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        if (stopped && batchStartedAt >= 0) {
          roll(false); // a clean stop publishes and commits what it has
        }
      } catch (Exception e) {
        LOG.warn("the last batch was not committed ({}); it will be archived again at the next start",
            e.getMessage());
      } finally {
        ended = true;
        open.values().forEach(OpenFile::discard);
        open.clear();
        // closing leaves the group, which runs onPartitionsRevoked: with `ended` set it commits nothing
        consumer.close(Duration.ofSeconds(5));
      }
    }
  }

  private void archive(ConsumerRecord<byte[], byte[]> record) throws IOException, InterruptedException {
    ArchiveKind<?> kind = ArchiveKind.ofTopic(topics, record.topic()).orElseThrow(
        () -> new IllegalStateException("not a raw topic: " + record.topic()));
    if (batchStartedAt < 0) {
      batchStartedAt = clock.millis();
    }
    archive(kind, record);
  }

  private <E> void archive(ArchiveKind<E> kind, ConsumerRecord<byte[], byte[]> record)
      throws IOException, InterruptedException {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    Provenance provenance = new Provenance(record.partition(), record.offset(), record.timestamp(), key);
    try {
      write(new ArchivedEvent<>(kind, provenance, kind.decode(codec, record.value())), record.topic());
    } catch (DecodeException e) {
      write(new ArchivedEvent<>(kind.rejected(), provenance,
          new RejectedRecord(record.value(), e.reason().name(), e.getMessage())), record.topic());
    }
  }

  @SuppressWarnings("unchecked")
  private <E> void write(ArchivedEvent<E> row, String topic) throws IOException, InterruptedException {
    ArchiveKind<E> kind = row.kind();
    int partition = row.provenance().partition();
    long hour = ArchivePath.hourStart(row.time());
    Bucket bucket = new Bucket(kind, partition, hour);
    OpenFile<E> file = (OpenFile<E>) open.get(bucket);
    if (file == null) {
      removeLeftovers(kind, new TopicPartition(topic, partition), hour);
      file = OpenFile.create(store, new ArchivePath(kind, hour, partition, row.provenance().offset()), kind,
          settings.codec(), settings.rollBytes());
      open.put(bucket, file);
    }
    file.write(row);
  }

  /**
   * Before the first file of a partition in an hour since the partition was assigned: files of that partition and hour
   * that start at or after its committed offset hold records we are about to write again (an archiver stopped between
   * publishing them and committing); staging files there belong to a writer that is gone. (Files of ours in that hour
   * that start later cannot exist: we would have touched the hour before committing past them.)
   */
  private void removeLeftovers(ArchiveKind<?> kind, TopicPartition partition, long hour)
      throws IOException, InterruptedException {
    Long from = committed.get(partition);
    if (from == null || !cleaned.add(new Touched(kind, partition, hour))) {
      return;
    }
    String prefix = ArchivePath.namePrefix(partition.partition());
    String directory = ArchivePath.directory(kind, hour);
    for (ArchiveStore.StoredFile f : untilDone("list " + directory, true, () -> store.list(directory))) {
      boolean leftover = ArchivePath.parse(f.relative())
          .filter(p -> p.partition() == partition.partition() && p.firstOffset() >= from).isPresent();
      boolean staging = f.name().startsWith("." + prefix);
      if (leftover || staging) {
        LOG.info("removing {}: {}", f.relative(), leftover ? "its records (from offset " + from + " of " + partition
            + ") were not committed and are being archived again" : "a staging file of an archiver that stopped");
        untilDone("delete " + f.relative(), true, () -> {
          store.delete(f.relative());
          return null;
        });
        if (leftover) {
          leftoversRemoved.incrementAndGet();
        }
      }
    }
  }

  private boolean rollDue() {
    if (batchStartedAt < 0) {
      return false;
    }
    if (clock.millis() - batchStartedAt >= settings.rollInterval().toMillis()) {
      return true;
    }
    long bytes = 0;
    for (OpenFile<?> f : open.values()) {
      bytes += f.size();
    }
    return bytes >= settings.rollBytes();
  }

  /**
   * Closes and publishes every open file, then commits the consumer's positions.
   *
   * @param retry keep retrying a failed publish with backoff while running (false: one attempt, for rebalances and
   *              the last batch at a stop)
   */
  private void roll(boolean retry) throws IOException, InterruptedException {
    List<OpenFile<?>> batch = new ArrayList<>(open.values());
    for (OpenFile<?> f : batch) {
      f.close();
    }
    publish(batch, retry);
    List<ArchivePath> paths = batch.stream().map(f -> f.path).toList();
    beforeCommit.run(paths);
    commit();
    long rows = batch.stream().mapToLong(OpenFile::rows).sum();
    long rejectedRows = batch.stream().filter(f -> f.path.kind().isRejected()).mapToLong(OpenFile::rows).sum();
    records.addAndGet(rows - rejectedRows);
    rejected.addAndGet(rejectedRows);
    files.addAndGet(batch.size());
    open.clear();
    batchStartedAt = -1;
    if (!batch.isEmpty()) {
      LOG.debug("published {} file(s) with {} record(s): {}", batch.size(), rows, paths);
    }
  }

  private void publish(List<OpenFile<?>> batch, boolean retry) throws IOException, InterruptedException {
    for (OpenFile<?> f : batch) {
      untilDone("publish " + f.path.relative(), retry, () -> {
        f.staged.publish();
        return null;
      });
    }
  }

  @FunctionalInterface
  private interface StoreCall<T> {
    T call() throws IOException;
  }

  /**
   * A call to the store, retried with backoff while the archiver runs: an unreachable store (S3 down, a full disk)
   * only makes the archive lag, since nothing is committed meanwhile.
   *
   * @param retry false: one attempt (rebalances and the last batch at a stop must not wait)
   */
  private <T> T untilDone(String what, boolean retry, StoreCall<T> call) throws IOException, InterruptedException {
    Duration backoff = Duration.ofMillis(200);
    boolean warned = false;
    while (true) {
      try {
        T result = call.call();
        if (warned) {
          LOG.info("{} is available again; archiving resumes", store.location());
        }
        return result;
      } catch (IOException e) {
        if (!retry || !running) {
          throw e;
        }
        if (!warned) {
          LOG.warn("cannot {} in {} ({}); retrying with backoff, offsets stay uncommitted", what, store.location(),
              e.getMessage());
          warned = true;
        }
        Thread.sleep(backoff.toMillis());
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
  }


  private void commit() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : consumer.assignment()) {
      // the position is past every record archived and past the transaction markers after them
      offsets.put(partition, new OffsetAndMetadata(consumer.position(partition)));
    }
    try {
      consumer.commitSync(offsets);
      offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
    } catch (CommitFailedException | RebalanceInProgressException e) {
      // the partitions' next owner starts from the last commit and replaces this batch's files
      LOG.info("offsets not committed after a rebalance ({}); the partitions' next owner archives them again",
          e.getMessage());
    }
  }

  /** Drops the open files of {@code partitions}: their records will be read again from the last commit. */
  private void discard(Collection<TopicPartition> partitions) {
    open.entrySet().removeIf(e -> {
      if (partitions.contains(new TopicPartition(e.getKey().kind().topic(topics), e.getKey().partition()))) {
        e.getValue().discard();
        return true;
      }
      return false;
    });
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (ended || partitions.isEmpty() || batchStartedAt < 0) {
        return;
      }
      try {
        roll(false);
      } catch (IOException | RuntimeException e) {
        LOG.info("the batch was not committed before the rebalance ({}); it is archived again", e.getMessage());
        rewind();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        rewind();
      }
    }

    /**
     * Drops the whole uncommitted batch (some of its files may be closed or published already) and starts every
     * partition still ours again from its last commit, as if it had just been assigned.
     */
    private void rewind() {
      open.values().forEach(OpenFile::discard);
      open.clear();
      batchStartedAt = -1;
      for (TopicPartition partition : consumer.assignment()) {
        Long offset = committed.get(partition);
        if (offset != null) {
          consumer.seek(partition, offset);
        }
        cleaned.removeIf(t -> t.partition().equals(partition));
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      discard(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      for (TopicPartition partition : partitions) {
        committed.put(partition, consumer.position(partition));
        cleaned.removeIf(t -> t.partition().equals(partition));
      }
    }
  }

  /**
   * Events (decoded records) in the batches published and committed so far (a batch whose commit a rebalance refused
   * included).
   */
  public long records() {
    return records.get();
  }

  /** Files published so far. */
  public long files() {
    return files.get();
  }

  /** Records that could not be decoded, archived as they were in the rejected files, so far (as {@link #records()}). */
  public long rejected() {
    return rejected.get();
  }

  /** Files removed because their records were not committed (left by an archiver that crashed). */
  public long leftoversRemoved() {
    return leftoversRemoved.get();
  }

  /** Stops the loop; the thread running {@link #run()} publishes and commits what it has, then closes the clients. */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
  }
}
