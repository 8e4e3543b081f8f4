package io.roadstream.app.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates roadstream's topics that do not exist yet, or only finds them; existing topics are left as they are. No
 * broker answering is a clear error either way.
 */
public final class TopicCreator {

  private TopicCreator() {}

  /**
   * Closing waits this long for requests still pending: a plain close would wait out a request to a broker that
   * never answered (the client's 60 s default), after the caller has given up on it.
   */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

  /** How long a created topic may take to have a leader for every partition. */
  private static final long LEADERS_TIMEOUT_MILLIS = 30_000;

  /** Of {@code topics}, those that do not exist on the cluster. */
  public static List<String> missing(Map<String, Object> clientProperties, List<String> topics) {
    Admin admin = Admin.create(clientProperties);
    try {
      Set<String> existing = existing(admin, clientProperties);
      return topics.stream().filter(t -> !existing.contains(t)).toList();
    } finally {
      admin.close(CLOSE_TIMEOUT);
    }
  }

  private static Set<String> existing(Admin admin, Map<String, Object> clientProperties) {
    try {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot reach Kafka at " + clientProperties.get("bootstrap.servers") + ": "
          + (e.getCause() == null ? "no answer within 30 s" : e.getCause().getMessage())
          + ". Is the broker running and the address right (--kafka host:port)?", e);
    }
  }

  /**
   * Creates the missing topics and returns once every partition of each has a leader: a producer that writes to a
   * partition the broker does not lead yet gets NOT_LEADER_OR_FOLLOWER, and the idempotent producer of Kafka 4.2 can
   * then restart its sequence numbers at 0 and retry OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout (seen
   * in CheckpointRecoveryIT on a loaded machine: the batch never landed).
   *
   * @return the topics it created
   */
  public static List<String> ensure(Map<String, Object> clientProperties, List<String> topics, int partitions,
      short replicationFactor) {
    Admin admin = Admin.create(clientProperties);
    try {
      Set<String> existing = existing(admin, clientProperties);
      List<NewTopic> missing = new ArrayList<>();
      for (String topic : topics) {
        if (!existing.contains(topic)) {
          missing.add(new NewTopic(topic, partitions, replicationFactor));
        }
      }
      for (var entry : admin.createTopics(missing).values().entrySet()) {
        try {
          entry.getValue().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + entry.getKey() + ": " + e.getCause().getMessage(),
                e.getCause());
          }
        }
      }
      List<String> created = missing.stream().map(NewTopic::name).toList();
      awaitLeaders(admin, created, partitions);
      return created;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("cannot reach Kafka at " + clientProperties.get("bootstrap.servers")
          + " to create topics: no answer within 30 s. Is the broker running and the address right (--kafka "
          + "host:port)?", e);
    } finally {
      admin.close(CLOSE_TIMEOUT);
    }
  }

  /**
   * Asks every partition's leader for its latest offset, which only the broker that leads it answers: a leader the
   * controller has elected but the broker has not taken up yet answers NOT_LEADER_OR_FOLLOWER, as a produce would.
   */
  private static void awaitLeaders(Admin admin, List<String> topics, int partitions)
      throws InterruptedException {
    if (topics.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (String topic : topics) {
      for (int p = 0; p < partitions; p++) {
        request.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
    }
    long deadline = System.currentTimeMillis() + LEADERS_TIMEOUT_MILLIS;
    while (true) {
      Throwable last;
      try {
        admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof RetriableException)) {
          throw new IllegalStateException("created topics " + topics + " do not answer: " + e.getCause().getMessage(),
              e.getCause());
        }
        last = e.getCause();
      } catch (TimeoutException e) {
        last = e;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("created topics " + topics + " have partitions without a working leader after "
            + LEADERS_TIMEOUT_MILLIS / 1000 + " s: " + last.getMessage(), last);
      }
      Thread.sleep(50); // polling the leaders: there is no notification to wait on
    }
  }
}
