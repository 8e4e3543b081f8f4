package io.roadstream.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.roadstream.archive.store.ArchiveStore;
import io.roadstream.archive.store.LocalArchiveStore;
import io.roadstream.archive.store.S3ArchiveStore;
import io.roadstream.core.config.RoadstreamConfig;
import io.roadstream.core.config.Topics;
import io.roadstream.embedded.EmbeddedKafkaBroker;
import io.roadstream.testkit.KafkaTestBroker;
import io.roadstream.testkit.KafkaTestClients;
import io.roadstream.testkit.TestConfigs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The archiver against a real Kafka broker, into a real directory and a real S3 API (s3proxy): about 3,000 raw
 * records over four hours, a tenth of the first hour's arriving late and a few undecodable ones among them. Every
 * valid record must be in exactly one Parquet file of its hour — checked by reading the files with a generic Parquet
 * reader — and every undecodable one, as it was sent and with its reason, in exactly one of the rejected files (the
 * job's dead letter is the only one it gets); also after an archiver dies between publishing its files and committing
 * its offsets.
 */
@ExtendWith(KafkaTestBroker.class)
class ArchiverIT {

  private static final int PER_KIND = 1500;
  private static final int PARTITIONS = 3;

  @TempDir Path dir;

  @Test
  void everyRecordLandsInItsHourExactlyOnceInALocalDirectory(EmbeddedKafkaBroker broker, KafkaTestClients kafka)
      throws Exception {
    RoadstreamConfig config = topics(broker, kafka, "archive-local");
    Topics topics = config.kafka().topics();
    List<RawTraffic.Produced> produced = RawTraffic.produce(broker.bootstrapServers(), topics, PER_KIND);
    Path root = dir.resolve("archive");

    Archiver archiver = new Archiver(client(broker), group(config), topics, new LocalArchiveStore(root),
        new Archiver.Settings(64 * 1024, Duration.ofSeconds(1), CompressionCodecName.ZSTD), Clock.systemUTC());
    runUntilCaughtUp(archiver, kafka, config);

    ArchiveContents contents = ArchiveContents.ofDirectory(root);
    contents.assertHoldsExactlyOnce(produced, topics.prefix());
    assertThat(contents.files()).as("several files per hour: rolled by size, and late records").hasSizeGreaterThan(12);
    assertThat(contents.others()).as("no staging file left").isEmpty();
    assertThat(archiver.records()).isEqualTo(produced.stream().filter(p -> p.row() != null).count());
    assertThat(archiver.rejected()).isEqualTo(produced.stream().filter(p -> p.bad() != null).count()).isPositive();
    assertNoDeadLetters(kafka, topics);
  }

  @Test
  void anS3BucketHoldsEveryRecordOnceAndReadsBackInEventTimeOrder(EmbeddedKafkaBroker broker, KafkaTestClients kafka)
      throws Exception {
    RoadstreamConfig config = topics(broker, kafka, "archive-s3");
    Topics topics = config.kafka().topics();
    List<RawTraffic.Produced> produced = RawTraffic.produce(broker.bootstrapServers(), topics, PER_KIND);
    try (S3TestServer s3 = new S3TestServer(dir.resolve("s3"));
        S3Client plain = plainClient(s3)) {
      plain.createBucket(b -> b.bucket("traffic"));
      RoadstreamConfig.Archive.S3 settings = s3.settings("traffic", "raw/v1", dir.resolve("staging"));

      Archiver archiver = new Archiver(client(broker), group(config), topics,
          io.roadstream.archive.store.ArchiveStores.open(new RoadstreamConfig.Archive("", 64 * 1024, 1, "snappy",
              settings)), new Archiver.Settings(64 * 1024, Duration.ofSeconds(1), CompressionCodecName.SNAPPY),
          Clock.systemUTC());
      runUntilCaughtUp(archiver, kafka, config);

      ArchiveContents contents = ArchiveContents.ofBucket(plain, "traffic", "raw/v1", dir);
      contents.assertHoldsExactlyOnce(produced, topics.prefix());
      assertThat(contents.others()).isEmpty();
      assertNoDeadLetters(kafka, topics);

      // the replay's reader: every record once, in event-time order
      try (ArchiveStore store = new S3ArchiveStore(io.roadstream.archive.store.ArchiveStores.client(settings),
          "traffic", "raw/v1", dir.resolve("staging"))) {
        ArchiveReader reader = new ArchiveReader(store, null, null);
        List<String> ids = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        ArchivedEvent<?> e;
        while ((e = reader.next()) != null) {
          assertThat(e.time()).as("event time order").isGreaterThanOrEqualTo(previous);
          previous = e.time();
          ids.add(e.kind().topic(topics) + "/" + e.provenance().partition() + "/" + e.provenance().offset());
        }
        assertThat(ids).as("every record, the rejected ones too")
            .containsExactlyInAnyOrderElementsOf(produced.stream().map(RawTraffic.Produced::id).toList());
        assertThat(reader.duplicates()).isZero();
        assertThat(reader.bytesRead()).isEqualTo(reader.totalBytes()).isPositive();
      }
    }
  }

  @Test
  void anArchiverKilledBetweenPublishingAndCommittingNeitherLosesNorDoublesARecord(EmbeddedKafkaBroker broker,
      KafkaTestClients kafka) throws Exception {
    RoadstreamConfig config = topics(broker, kafka, "archive-crash");
    Topics topics = config.kafka().topics();
    List<RawTraffic.Produced> produced = RawTraffic.produce(broker.bootstrapServers(), topics, PER_KIND);
    Path root = dir.resolve("archive");

    // the first archiver dies right after its second batch is published, before that batch's offsets are committed
    AtomicInteger batches = new AtomicInteger();
    Archiver first = new Archiver(client(broker), group(config), topics, new LocalArchiveStore(root),
        new Archiver.Settings(16 * 1024, Duration.ofSeconds(1), CompressionCodecName.ZSTD), Clock.systemUTC(),
        published -> {
          if (!published.isEmpty() && batches.incrementAndGet() == 2) {
            throw new SimulatedCrash();
          }
        });
    AtomicReference<Throwable> died = new AtomicReference<>();
    Thread thread = new Thread(first, "archiver-to-crash");
    thread.setUncaughtExceptionHandler((t, e) -> died.set(e));
    thread.start();
    thread.join(Duration.ofSeconds(60).toMillis());
    assertThat(thread.isAlive()).as("the first archiver has died").isFalse();
    assertThat(died.get()).isInstanceOf(SimulatedCrash.class);

    // it left published files whose records are not committed
    Map<TopicPartition, Long> committed = committedOffsets(kafka, config);
    ArchiveContents afterCrash = ArchiveContents.ofDirectory(root);

    long uncommitted = afterCrash.files().stream().filter(f -> {
      Map<String, Object> first1 = f.rows().get(0);
      String topic = topics.prefix() + f.relative().substring("topic=".length(), f.relative().indexOf('/'));
      Long at = committed.get(new TopicPartition(topic, (Integer) first1.get("kafkaPartition")));
      return at == null || (Long) first1.get("kafkaOffset") >= at;
    }).count();
    assertThat(uncommitted).as("files published but not committed when the archiver died").isPositive();

    // a new archiver of the same group, cutting its files elsewhere, finishes the job
    Archiver second = new Archiver(client(broker), group(config), topics, new LocalArchiveStore(root),
        new Archiver.Settings(40 * 1024, Duration.ofSeconds(1), CompressionCodecName.ZSTD), Clock.systemUTC());
    runUntilCaughtUp(second, kafka, config);

    ArchiveContents contents = ArchiveContents.ofDirectory(root);
    contents.assertHoldsExactlyOnce(produced, topics.prefix());
    assertThat(contents.others()).isEmpty();
    assertThat(second.leftoversRemoved()).as("uncommitted files removed before being written again").isPositive();
  }

  private static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash() {
      super("simulated crash between publishing and committing");
    }
  }

  private static RoadstreamConfig topics(EmbeddedKafkaBroker broker, KafkaTestClients kafka, String name)
      throws Exception {
    RoadstreamConfig config = TestConfigs.isolated(broker.bootstrapServers(), name, Map.of());
    Topics topics = config.kafka().topics();
    List<String> names = new ArrayList<>(topics.raw());
    names.add(topics.deadLetters());
    kafka.admin().createTopics(names.stream().map(n -> new NewTopic(n, PARTITIONS, (short) 1)).toList()).all().get();
    kafka.awaitLeaders(names, Duration.ofSeconds(30));
    return config;
  }

  private static Map<String, Object> client(EmbeddedKafkaBroker broker) {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", broker.bootstrapServers());
    return props;
  }

  private static String group(RoadstreamConfig config) {
    return Archiver.groupId(config.kafka().topics());
  }

  /** Runs the archiver until its group has committed every raw partition's end offset, then stops it. */
  private static void runUntilCaughtUp(Archiver archiver, KafkaTestClients kafka, RoadstreamConfig config)
      throws Exception {
    Thread thread = new Thread(archiver, "archiver");
    thread.start();
    try {
      Map<TopicPartition, Long> end = new HashMap<>();
      for (String topic : config.kafka().topics().raw()) {
        for (int p = 0; p < PARTITIONS; p++) {
          TopicPartition tp = new TopicPartition(topic, p);
          end.put(tp, kafka.admin().listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset());
        }
      }
      await("the archiver's group has committed every record").atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> committedOffsets(kafka, config).equals(end));
    } finally {
      archiver.close();
      thread.join(Duration.ofSeconds(20).toMillis());
    }
    assertThat(thread.isAlive()).as("the archiver stopped").isFalse();
  }

  private static Map<TopicPartition, Long> committedOffsets(KafkaTestClients kafka, RoadstreamConfig config)
      throws Exception {
    Map<TopicPartition, Long> committed = new HashMap<>();
    for (Map.Entry<TopicPartition, OffsetAndMetadata> e : kafka.admin()
        .listConsumerGroupOffsets(group(config)).partitionsToOffsetAndMetadata().get().entrySet()) {
      if (e.getValue() != null) {
        committed.put(e.getKey(), e.getValue().offset());
      }
    }
    return committed;
  }

  /** The archiver sends no dead letter of its own: an undecodable record's is the job's. */
  private static void assertNoDeadLetters(KafkaTestClients kafka, Topics topics) throws Exception {
    assertThat(kafka.readToEnd(topics.deadLetters(), Duration.ofSeconds(5), IsolationLevel.READ_COMMITTED))
        .as("dead letters").isEmpty();
  }

  /** A client of its own, with the SDK's defaults but for checksum headers, which s3proxy does not implement. */
  private static S3Client plainClient(S3TestServer s3) {
    return S3Client.builder()
        .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
        .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED).endpointOverride(java.net.URI.create(s3.endpoint())).region(Region.US_EAST_1)
        .forcePathStyle(true).httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient
            .builder())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3TestServer.ACCESS_KEY,
            S3TestServer.SECRET_KEY))).build();
  }
}
