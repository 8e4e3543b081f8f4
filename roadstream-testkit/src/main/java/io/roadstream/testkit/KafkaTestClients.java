package io.roadstream.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka helpers for integration tests against one broker: a uniquely named topic per test, producing byte[]
 * records, and bounded reads that fail with a message saying how much arrived. Every wait is bounded.
 * Thread-safe; {@link #close()} closes the shared admin client.
 */
public final class KafkaTestClients implements AutoCloseable {

  /** The timeout of the overloads that take none. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private final Map<String, String> clientProperties;
  private Admin admin;

  public KafkaTestClients(String bootstrapServers) {
    this(bootstrapServers, Map.of());
  }

  /** Clients of a broker that needs settings to connect (SASL, TLS): every client here gets them. */
  public KafkaTestClients(String bootstrapServers, Map<String, String> clientProperties) {
    this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    this.clientProperties = Map.copyOf(clientProperties);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** A shared admin client, created on first use and closed by {@link #close()}. */
  public synchronized Admin admin() {
    if (admin == null) {
      Properties p = new Properties();
      p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      p.put(AdminClientConfig.CLIENT_ID_CONFIG, uniqueName("testkit-admin"));
      p.putAll(clientProperties);
      admin = Admin.create(p);
    }
    return admin;
  }

  /** {@code prefix} (reduced to letters, digits and '-') followed by a random suffix: a legal, unused topic name. */
  public static String uniqueName(String prefix) {
    String clean = prefix.replaceAll("[^A-Za-z0-9-]+", "-").toLowerCase(Locale.ROOT);
    if (clean.length() > 200) {
      clean = clean.substring(0, 200);
    }
    return clean + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** Creates a uniquely named single-partition topic and returns its name. */
  public String createTopic(String prefix) {
    return createTopic(prefix, 1);
  }

  /** Creates a uniquely named topic with {@code partitions} partitions and returns its name. */
  public String createTopic(String prefix, int partitions) {
    return createTopic(prefix, partitions, Map.of());
  }

  /**
   * Creates a uniquely named topic with the given topic configs (e.g. {@code cleanup.policy=compact}) and returns
   * its name once every partition has a leader.
   */
  public String createTopic(String prefix, int partitions, Map<String, String> configs) {
    String name = uniqueName(prefix);
    long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
    try {
      admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
          .all().get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      while (true) {
        try {
          TopicDescription d = admin().describeTopics(List.of(name)).allTopicNames()
              .get(remainingMillis(deadline), TimeUnit.MILLISECONDS).get(name);
          if (d.partitions().size() == partitions && d.partitions().stream().allMatch(p -> p.leader() != null)) {
            return name;
          }
        } catch (ExecutionException notYetVisible) {
          // UnknownTopicOrPartition until the broker's metadata has caught up with the controller
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("topic " + name + " has no leader for every partition after " + DEFAULT_TIMEOUT);
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("could not create topic " + name + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while creating topic " + name, e);
    }
  }

  /**
   * Waits until every partition of {@code topics} has a leader: after a broker restart it answers metadata requests
   * before it has loaded its partitions, and a producer sending then only meets NOT_LEADER_OR_FOLLOWER and retries.
   *
   * @throws AssertionError after {@code timeout}
   */
  public void awaitLeaders(Collection<String> topics, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        Map<String, TopicDescription> described = admin().describeTopics(topics).allTopicNames()
            .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        if (described.values().stream().allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null))) {
          return;
        }
        last = "a partition without a leader";
      } catch (ExecutionException | TimeoutException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for the leaders of " + topics, e);
      }
    }
    throw new AssertionError("not every partition of " + topics + " had a leader within " + timeout + ": " + last);
  }

  /** Sends {@code values} (no key) with an idempotent producer and waits until every one is acknowledged. */
  public void produce(String topic, List<byte[]> values) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(values.size());
    for (byte[] value : values) {
      records.add(new ProducerRecord<>(topic, value));
    }
    produceRecords(records);
  }

  /** Sends UTF-8 {@code values} (no key); see {@link #produce(String, List)}. */
  public void produceStrings(String topic, List<String> values) {
    produce(topic, values.stream().map(v -> v.getBytes(StandardCharsets.UTF_8)).toList());
  }

  /**
   * Sends {@code records} with an idempotent producer and waits until every one is acknowledged. It first waits for
   * the leaders of their partitions: on a busy machine a just-created topic's partitions can be leaderless for a while,
   * and an idempotent producer that meets that with batches in flight can stay stuck until its delivery timeout.
   */
  public void produceRecords(List<ProducerRecord<byte[], byte[]>> records) {
    awaitLeaders(records.stream().map(ProducerRecord::topic).distinct().toList(), DEFAULT_TIMEOUT);
    long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
    int acknowledged = 0;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
      for (ProducerRecord<byte[], byte[]> r : records) {
        sent.add(producer.send(r));
      }
      producer.flush();
      for (Future<RecordMetadata> f : sent) {
        f.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        acknowledged++;
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("only " + acknowledged + " of " + records.size() + " records were acknowledged: " + e,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted after " + acknowledged + " of " + records.size() + " records", e);
    }
  }

  /** {@link #consume(String, int, Duration, IsolationLevel)} with read_uncommitted. */
  public List<ConsumerRecord<byte[], byte[]>> consume(String topic, int expected, Duration timeout) {
    return consume(topic, expected, timeout, IsolationLevel.READ_UNCOMMITTED);
  }

  /**
   * Reads {@code topic} from the beginning of every partition (no consumer group) until at least {@code expected}
   * records arrived, and returns all it read (more than {@code expected} if the topic held more).
   *
   * @throws AssertionError after {@code timeout}, saying how many records arrived
   */
  public List<ConsumerRecord<byte[], byte[]>> consume(String topic, int expected, Duration timeout,
      IsolationLevel isolation) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = assignedFromBeginning(topic, isolation, timeout)) {
      while (records.size() < expected) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("expected " + expected + " records from " + topic + " (" + isolation
              + ") within " + timeout + " but got " + records.size());
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          records.add(r);
        }
      }
    }
    return records;
  }

  /**
   * Reads every partition of {@code topic} from the beginning up to its end offset as of the call (under
   * read_committed: the last stable offset, so open transactions are not waited for) and returns what it read.
   *
   * @throws AssertionError after {@code timeout}, saying how many records arrived
   */
  public List<ConsumerRecord<byte[], byte[]>> readToEnd(String topic, Duration timeout, IsolationLevel isolation) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = assignedFromBeginning(topic, isolation, timeout)) {
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(consumer.assignment(), timeout));
      while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), timeout) >= e.getValue())) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("read " + records.size() + " records from " + topic + " (" + isolation
              + ") within " + timeout + " but did not reach its end offsets " + end);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          records.add(r);
        }
      }
    }
    return records;
  }

  /** The values of {@code records}, decoded as UTF-8, in order. */
  public static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream().map(r -> r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8))
        .toList();
  }

  /** Producer settings: this broker, byte[] serializers, idempotence, acks=all. */
  public Properties producerProperties() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    // One request in flight per broker: a broker that has just restarted answers NOT_LEADER_OR_FOLLOWER while it loads
    // its partitions, and when several batches of a partition were in flight, the idempotent producer's retry then
    // meets OUT_OF_ORDER_SEQUENCE_NUMBER again and again until its delivery timeout (seen in KafkaOutageIT). Test data
    // is small; the tests need it delivered, not fast.
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    p.putAll(clientProperties);
    return p;
  }

  /** {@link #producerProperties()} plus {@code transactional.id}. */
  public Properties transactionalProducerProperties(String transactionalId) {
    Properties p = producerProperties();
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    return p;
  }

  /** Consumer settings: this broker, byte[] deserializers, the given isolation, no auto commit, earliest. */
  public Properties consumerProperties(IsolationLevel isolation) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.putAll(clientProperties);
    return p;
  }

  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
  }

  private KafkaConsumer<byte[], byte[]> assignedFromBeginning(String topic, IsolationLevel isolation,
      Duration timeout) {
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(isolation));
    try {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        throw new AssertionError("topic " + topic + " does not exist");
      }
      List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      return consumer;
    } catch (RuntimeException | AssertionError e) {
      consumer.close(Duration.ZERO);
      throw e;
    }
  }

  private static long remainingMillis(long deadlineNanos) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
  }
}
