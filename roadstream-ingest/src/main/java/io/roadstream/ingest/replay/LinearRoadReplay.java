package io.roadstream.ingest.replay;

import io.roadstream.core.linearroad.LinearRoadAnswers;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Plays a Linear Road input file (.dat or .dat.gz) into the job's Linear Road topic as the benchmark defines it: each
 * CSV row unchanged, one record per row, without a key, so the one-partition topic keeps the file's time order. The
 * row's second column, the simulation second, paces it. Rows are not checked here: the job parses them and sends
 * what it cannot read to the dead letters.
 */
public final class LinearRoadReplay implements Runnable {

  private final Path file;
  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final ReplayPacing pacing;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong simulationSecond = new AtomicLong(-1);
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  public LinearRoadReplay(Path file, Producer<byte[], byte[]> producer, String topic, ReplayPacing pacing) {
    this.file = file;
    this.producer = producer;
    this.topic = topic;
    this.pacing = pacing;
  }

  @Override
  public void run() {
    long wallStart = System.currentTimeMillis();
    try (BufferedReader in = LinearRoadAnswers.lines(file)) {
      String row;
      while ((row = in.readLine()) != null && stop.getCount() > 0 && failure.get() == null) {
        long second = simulationSecond(row);
        if (second >= 0) {
          simulationSecond.set(second);
          if (pacing.paced()) {
            long wait = pacing.dueAt(wallStart, 0, second * 1000) - System.currentTimeMillis();
            if (wait > 0 && stop.await(wait, TimeUnit.MILLISECONDS)) {
              break;
            }
          }
        }
        producer.send(new ProducerRecord<>(topic, row.getBytes(StandardCharsets.US_ASCII)), (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
        rows.incrementAndGet();
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failure.compareAndSet(null, e);
    }
    if (failure.get() != null) {
      throw new IllegalStateException("Linear Road replay of " + file + " failed after " + rows.get() + " rows: "
          + failure.get().getMessage(), failure.get());
    }
  }

  /** The Time column, or -1 for a row too broken to say (the job dead-letters it). */
  static long simulationSecond(String row) {
    int first = row.indexOf(',');
    int second = first < 0 ? -1 : row.indexOf(',', first + 1);
    if (second < 0) {
      return -1;
    }
    try {
      return Long.parseLong(row.substring(first + 1, second).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  public long rows() {
    return rows.get();
  }

  /** The simulation second of the last row sent, -1 before the first. */
  public long simulationSecond() {
    return simulationSecond.get();
  }

  public void stop() {
    stop.countDown();
  }
}
