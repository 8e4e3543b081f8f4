package io.roadstream.ingest.push;

import io.roadstream.core.codec.DecodeException;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.Topics;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.ingest.connect.EventKind;
import io.roadstream.ingest.connect.SourceRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;

/**
 * Takes a pushed body of events of one kind, puts the valid ones on their raw topic and the others on the dead
 * letters (source {@code push}), and returns only when Kafka acknowledged every one of them on all in-sync replicas,
 * or throws {@link PushUnavailableException} once {@code ackTimeout} has passed. Knows nothing of HTTP. Thread-safe:
 * concurrent pushes share the producer.
 */
public final class PushIngestService {

  /** The dead letters' source of pushed records. */
  public static final String SOURCE = "push";

  private final Producer<String, byte[]> producer;
  private final Topics topics;
  private final EventCodec codec;
  private final Duration ackTimeout;
  private final Clock clock;
  private final PushBody bodies = new PushBody();

  /**
   * @param producer   made with {@link #producerSettings}; the caller closes it
   * @param ackTimeout how long a push may wait for Kafka before it is refused as unavailable
   */
  public PushIngestService(Producer<String, byte[]> producer, Topics topics, EventCodec codec, Duration ackTimeout,
      Clock clock) {
    this.producer = producer;
    this.topics = topics;
    this.codec = codec;
    this.ackTimeout = ackTimeout;
    this.clock = clock;
  }

  /**
   * {@code base} (bootstrap servers, security) plus an idempotent producer with acks from all in-sync replicas that
   * gives up on a record about when its push gave up waiting: a client told to resend then rarely finds the first
   * copy in Kafka as well.
   */
  public static Map<String, Object> producerSettings(Map<String, Object> base, Duration ackTimeout) {
    Map<String, Object> props = new HashMap<>(base);
    long timeout = Math.max(1000, ackTimeout.toMillis());
    props.put("acks", "all");
    props.put("enable.idempotence", "true");
    props.put("linger.ms", "2");
    props.put("request.timeout.ms", String.valueOf(timeout));
    // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms
    props.put("delivery.timeout.ms", String.valueOf(timeout + 2));
    props.put("max.block.ms", String.valueOf(timeout));
    props.put("compression.type", "lz4");
    props.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    props.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
    return props;
  }

  /**
   * Ingests {@code body} as records of {@code kind}.
   *
   * @param contentType the request's Content-Type (application/json or application/x-ndjson), or null to sniff
   * @throws PushBodyException        if the body holds no record or is not the JSON its type says; nothing was sent
   * @throws PushUnavailableException if Kafka did not acknowledge every record within the timeout
   */
  public PushResult ingest(EventKind kind, byte[] body, String contentType)
      throws PushBodyException, PushUnavailableException, InterruptedException {
    List<PushBody.Item> items = bodies.split(body, contentType);
    long deadline = System.nanoTime() + ackTimeout.toNanos();
    List<Future<RecordMetadata>> sent = new ArrayList<>(items.size());
    List<PushResult.Rejection> rejected = new ArrayList<>();
    try {
      for (PushBody.Item item : items) {
        try {
          sent.add(producer.send(eventRecord(kind.decode(codec, item.json()))));
        } catch (DecodeException e) {
          rejected.add(new PushResult.Rejection(item.index(), item.line(), e.getMessage(), e.reason()));
          sent.add(producer.send(deadLetter(kind, item, e)));
        }
      }
    } catch (InterruptException e) {
      throw interrupted(e);
    } catch (KafkaException e) {
      throw new PushUnavailableException("Kafka did not take the records: " + e.getMessage(), e);
    }
    awaitAcks(sent, deadline);
    return new PushResult(items.size() - rejected.size(), rejected);
  }

  private void awaitAcks(List<Future<RecordMetadata>> sent, long deadline)
      throws PushUnavailableException, InterruptedException {
    int acknowledged = 0;
    try {
      for (Future<RecordMetadata> f : sent) {
        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        acknowledged++;
      }
    } catch (TimeoutException e) {
      throw new PushUnavailableException("Kafka acknowledged " + acknowledged + " of " + sent.size()
          + " records within " + ackTimeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      throw new PushUnavailableException("Kafka did not take every record: " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  private ProducerRecord<String, byte[]> eventRecord(SourceRecord record) {
    // keyed like every connector's records (KafkaEventSink): one source's events stay in order on one partition
    if (record instanceof SourceRecord.Reading r) {
      return new ProducerRecord<>(topics.readings(), r.reading().sensorId(), codec.encode(r.reading()));
    }
    if (record instanceof SourceRecord.Position p) {
      return new ProducerRecord<>(topics.positions(), p.position().vehicleId(), codec.encode(p.position()));
    }
    SourceRecord.Report r = (SourceRecord.Report) record;
    return new ProducerRecord<>(topics.reports(), r.report().reportId(), codec.encode(r.report()));
  }

  private ProducerRecord<String, byte[]> deadLetter(EventKind kind, PushBody.Item item, DecodeException e) {
    String location = "POST /ingest/" + kind.word() + (item.line() == null
        ? ", record " + item.index() : ", line " + item.line());
    DeadLetter letter = new DeadLetter(SOURCE, -1, item.index(), location, item.json(), e.reason(),
        location + ": " + e.getMessage(), clock.millis());
    return new ProducerRecord<>(topics.deadLetters(), letter.reasonCode().name(), codec.encode(letter));
  }

  private static InterruptedException interrupted(InterruptException e) {
    Thread.interrupted();
    InterruptedException ie = new InterruptedException("interrupted while waiting for Kafka");
    ie.initCause(e);
    return ie;
  }
}
