package io.roadstream.app.bench;

import io.roadstream.core.config.Topics;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends recorded traffic to Kafka at a fixed rate, in the order it was recorded, and tells {@link InputProgress}
 * where each event went and when it was sent. The schedule is kept in steps of half a millisecond (each step sends
 * what is due by then), so pacing costs next to no CPU; a producer that blocks (a broker that cannot keep up)
 * makes the sender fall behind its schedule, which {@link Sent#rate} shows.
 */
public final class PacedSender {

  /** Topic indexes in {@link InputProgress}. */
  public static final int READINGS = 0;
  public static final int POSITIONS = 1;

  /** What was sent: events, and the achieved rate between the first send and the last acknowledgement. */
  public record Sent(long events, long startNanos, long endNanos) {
    public double rate() {
      return events * 1e9 / Math.max(1, endNanos - startNanos);
    }
  }

  private PacedSender() {}

  /**
   * Sends the first {@code count} events of {@code traffic} at {@code perSecond} and waits for Kafka to acknowledge
   * them all.
   *
   * @throws IllegalStateException if Kafka refused an event
   */
  public static Sent send(KafkaProducer<String, byte[]> producer, Topics topics, RecordedTraffic traffic, int count,
      double perSecond, InputProgress progress) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    AtomicLong lastAck = new AtomicLong();
    long start = System.nanoTime();
    int next = 0;
    while (next < count && failure.get() == null) {
      long due = Math.min(count, (long) ((System.nanoTime() - start) * perSecond / 1e9) + 1);
      for (; next < due; next++) {
        RecordedTraffic.Event event = traffic.get(next);
        ProducerRecord<String, byte[]> record = event.toRecord(topics);
        int topic = event.reading() ? READINGS : POSITIONS;
        long sentAt = System.nanoTime();
        producer.send(record, (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
            return;
          }
          progress.sent(topic, metadata.partition(), event.eventTime(), sentAt);
          lastAck.set(System.nanoTime());
        });
      }
      LockSupport.parkNanos(500_000);
    }
    producer.flush();
    if (failure.get() != null) {
      throw new IllegalStateException("Kafka refused an event: " + failure.get(), failure.get());
    }
    return new Sent(count, start, lastAck.get());
  }
}
