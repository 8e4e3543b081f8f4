package io.roadstream.app.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Plays the widened input into Kafka at its own clock compressed by a factor, as the benchmark's data driver: the
 * rows of simulation second s are due at start + s/compression (wall clock), when all copies' rows of that second are
 * handed to the producer, copy after copy. Copy c goes to partition c mod partitions, so each expressway keeps its
 * time order. For each (copy, second) it records when its first row was handed over: the answers' latencies are
 * measured from there, so each is an upper bound, too high by at most the time one copy's rows of one second take to
 * send (about 1,500 rows at the peak).
 *
 * <p>If the producer cannot keep the schedule (the broker or the CPU is saturated) the rows go late; {@link #maxLagMs}
 * says by how much, and the answers' time since their row was due counts it.
 */
public final class LinearRoadFeeder implements Runnable {

  private final LinearRoadRows rows;
  private final ExpresswayWidening widening;
  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final int partitions;
  private final double compression;
  private final long startMillis;
  private final int copies;
  private final int seconds;
  private final AtomicLongArray firstSent;
  private final AtomicLongArray secondStarted;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final Callback onSent = (metadata, e) -> {
    if (e != null) {
      failure.compareAndSet(null, e);
    }
  };
  private volatile boolean stopped;
  private volatile long rowsSent;
  private volatile int second = -1;
  private volatile long maxLagMs;
  private volatile boolean done;

  /** @param startMillis wall-clock time (ms) at which second 0 is due */
  public LinearRoadFeeder(LinearRoadRows rows, ExpresswayWidening widening, Producer<byte[], byte[]> producer,
      String topic, int partitions, double compression, long startMillis) {
    if (compression <= 0) {
      throw new IllegalArgumentException("compression must be positive, was " + compression);
    }
    this.rows = rows;
    this.widening = widening;
    this.producer = producer;
    this.topic = topic;
    this.partitions = partitions;
    this.compression = compression;
    this.startMillis = startMillis;
    this.copies = widening.copies();
    this.seconds = rows.seconds();
    this.firstSent = new AtomicLongArray(copies * seconds);
    this.secondStarted = new AtomicLongArray(seconds + 1);
  }

  /** The rows a partition receives from this feeder. */
  public static long[] rowsPerPartition(LinearRoadRows rows, int copies, int partitions) {
    long[] perPartition = new long[partitions];
    for (int copy = 0; copy < copies; copy++) {
      perPartition[copy % partitions] += rows.rows();
    }
    return perPartition;
  }

  @Override
  public void run() {
    byte[] buffer = new byte[256];
    try {
      for (int s = 0; s < seconds && !stopped && failure.get() == null; s++) {
        long due = dueAt(s);
        long wait;
        while ((wait = due - System.currentTimeMillis()) > 0 && !stopped) {
          LockSupport.parkNanos(wait * 1_000_000L);
        }
        long began = System.currentTimeMillis();
        secondStarted.set(s, began);
        maxLagMs = Math.max(maxLagMs, began - due);
        second = s;
        int from = rows.firstRowOf(s);
        int to = rows.endRowOf(s);
        for (int copy = 0; copy < copies && !stopped; copy++) {
          firstSent.set(copy * seconds + s, System.currentTimeMillis());
          int partition = copy % partitions;
          for (int r = from; r < to; r++) {
            int n = widening.write(rows, r, copy, buffer);
            producer.send(new ProducerRecord<>(topic, partition, null, Arrays.copyOf(buffer, n)), onSent);
          }
          rowsSent += to - from;
        }
      }
      secondStarted.set(seconds, System.currentTimeMillis());
      producer.flush();
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    } finally {
      done = true;
    }
  }

  /** When second {@code s} is due, wall-clock ms. */
  public long dueAt(int s) {
    return startMillis + Math.round(s * 1000.0 / compression);
  }

  /** When the first row of {@code copy}'s second {@code s} was handed to the producer; 0 if it has not been yet. */
  public long firstSent(int copy, int s) {
    if (copy < 0 || copy >= copies || s < 0 || s >= seconds) {
      return 0;
    }
    return firstSent.get(copy * seconds + s);
  }

  /** When the feeder began second {@code s} (s = seconds: when it had sent everything); 0 if not yet. */
  public long secondStarted(int s) {
    return secondStarted.get(s);
  }

  public long rowsSent() {
    return rowsSent;
  }

  /** The simulation second being sent, -1 before the first. */
  public int second() {
    return second;
  }

  /** How far the feeder has fallen behind its schedule at worst, ms. */
  public long maxLagMs() {
    return maxLagMs;
  }

  public boolean done() {
    return done;
  }

  /** The producer's or the feeder's failure, null if none. */
  public Exception failure() {
    return failure.get();
  }

  public void stop() {
    stopped = true;
  }
}
