package io.roadstream.ingest.connect;

import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.config.Topics;
import io.roadstream.core.event.DeadLetter;
import io.roadstream.ingest.connect.SourceRecord.Position;
import io.roadstream.ingest.connect.SourceRecord.Reading;
import io.roadstream.ingest.connect.SourceRecord.Rejected;
import io.roadstream.ingest.connect.SourceRecord.Report;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;

/**
 * Puts one connector's records on Kafka: readings keyed by sensor id, positions by vehicle id, reports by report id
 * (so each source's events stay in order on one partition), rejected records as {@link DeadLetter}s whose source is
 * {@code connector:<name>}. Record timestamps are the time of producing, not the event time: a replay of 2022 data
 * must not be deleted at once by a 7-day retention.
 *
 * <p>The producer should be made with {@link #producerSettings}: idempotent, acks from all in-sync replicas, and
 * {@code send} blocking while its bounded buffer is full, so that a broker outage makes {@link #accept} wait. A record
 * Kafka has not taken within the producer's delivery timeout (2 minutes) fails the next {@link #flush}; the connector
 * then starts again from its last saved position, so nothing is dropped. The producer belongs to the caller. One sink
 * per connector; not shared between threads.
 */
public final class KafkaEventSink implements EventSink {

  /** Default bound of the records waiting for the broker, per connector. */
  public static final long DEFAULT_BUFFER_BYTES = 32L * 1024 * 1024;

  private final Producer<String, byte[]> producer;
  private final Topics topics;
  private final String source;
  private final ConnectorMetrics metrics;
  private final Clock clock;
  private final EventCodec codec = new EventCodec();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private long sequence;

  public KafkaEventSink(Producer<String, byte[]> producer, Topics topics, ConnectorMetrics metrics, Clock clock) {
    this.producer = producer;
    this.topics = topics;
    this.source = "connector:" + metrics.connector();
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * {@code base} (bootstrap servers, security) plus what makes a source wait instead of drop: no duplicates on
   * retry, acks=all, and {@code send} blocking while {@code bufferBytes} are unacknowledged. The delivery timeout stays
   * finite (Kafka's 2 minutes) on purpose: an idempotent producer that meets OUT_OF_ORDER_SEQUENCE_NUMBER recovers
   * only when the stuck batch expires and it bumps its epoch; with no deadline it retries that batch forever (seen
   * here under load right after the topics were created).
   */
  public static Map<String, Object> producerSettings(Map<String, Object> base, long bufferBytes) {
    Map<String, Object> props = new HashMap<>(base);
    props.put("acks", "all");
    props.put("enable.idempotence", "true");
    props.put("max.block.ms", String.valueOf(Long.MAX_VALUE));
    props.put("buffer.memory", String.valueOf(bufferBytes));
    props.put("compression.type", "lz4");
    props.put("linger.ms", "5");
    props.put("batch.size", String.valueOf(64 * 1024));
    return props;
  }

  @Override
  public void accept(SourceRecord record) throws InterruptedException {
    metrics.recordRead();
    sequence++;
    ProducerRecord<String, byte[]> out;
    boolean event = true;
    if (record instanceof Reading r) {
      out = new ProducerRecord<>(topics.readings(), r.reading().sensorId(), codec.encode(r.reading()));
    } else if (record instanceof Position p) {
      out = new ProducerRecord<>(topics.positions(), p.position().vehicleId(), codec.encode(p.position()));
    } else if (record instanceof Report r) {
      out = new ProducerRecord<>(topics.reports(), r.report().reportId(), codec.encode(r.report()));
    } else {
      Rejected rejected = (Rejected) record;
      // no key: the record had none, and its location (which may be a long MQTT topic) is in the reason
      DeadLetter letter = new DeadLetter(source, -1, sequence, null, rejected.payload(),
          rejected.code(), rejected.location() + ": " + rejected.reason(), clock.millis());
      out = new ProducerRecord<>(topics.deadLetters(), letter.reasonCode().name(), codec.encode(letter));
      metrics.recordRejected(rejected.code());
      event = false;
    }
    boolean countAsProduced = event;
    try {
      producer.send(out, (metadata, error) -> {
        if (error != null) {
          failure.compareAndSet(null, error);
        } else if (countAsProduced) {
          metrics.recordProduced(clock.instant());
        }
      });
    } catch (InterruptException e) {
      throw interrupted(e);
    }
  }

  @Override
  public void flush() throws InterruptedException {
    try {
      producer.flush();
    } catch (InterruptException e) {
      throw interrupted(e);
    }
    Exception error = failure.getAndSet(null);
    if (error != null) {
      throw new SinkException(source + ": Kafka did not take every record: " + error.getMessage(), error);
    }
  }

  private static InterruptedException interrupted(InterruptException e) {
    Thread.interrupted();
    InterruptedException ie = new InterruptedException("interrupted while waiting for Kafka");
    ie.initCause(e);
    return ie;
  }
}
