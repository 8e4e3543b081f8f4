package io.roadstream.app.bench;

import java.util.Arrays;

/**
 * How far each input partition's event time had come, and when: the benchmark's independent account of when a
 * window's input was complete. Flink's Kafka source holds a watermark per partition (the largest event time read
 * minus the allowed out-of-orderness), and an event-time window can fire only once every partition's watermark has
 * passed its end; so the window [s, e) became closable at the moment the last partition was sent its first event at
 * or after e + out-of-orderness. Times are {@link System#nanoTime()} at the producer's {@code send}, so a latency
 * measured from them includes the hop into Kafka.
 *
 * <p>Written by one thread (the producer's callbacks, which come in send order per partition), read by another once
 * the run is over; the methods are synchronized for that hand-over.
 */
public final class InputProgress {

  private final int[] partitionsPerTopic;
  private final long[][] eventTimes;
  private final long[][] sentAt;
  private final int[] size;
  private final long[] largestEventTime;

  /** @param partitionsPerTopic the input topics' partition counts, topic by topic */
  public InputProgress(int... partitionsPerTopic) {
    this.partitionsPerTopic = partitionsPerTopic.clone();
    int total = Arrays.stream(partitionsPerTopic).sum();
    eventTimes = new long[total][16];
    sentAt = new long[total][16];
    size = new int[total];
    largestEventTime = new long[total];
    Arrays.fill(largestEventTime, Long.MIN_VALUE);
  }

  /** An event of {@code eventTime} was sent at {@code sentNanos} to {@code partition} of the topic'th topic. */
  public synchronized void sent(int topic, int partition, long eventTime, long sentNanos) {
    int p = index(topic, partition);
    if (eventTime <= largestEventTime[p]) {
      return; // the partition's event time does not move: no window became closable
    }
    largestEventTime[p] = eventTime;
    if (size[p] == eventTimes[p].length) {
      eventTimes[p] = Arrays.copyOf(eventTimes[p], size[p] * 2);
      sentAt[p] = Arrays.copyOf(sentAt[p], size[p] * 2);
    }
    eventTimes[p][size[p]] = eventTime;
    sentAt[p][size[p]] = sentNanos;
    size[p]++;
  }

  /**
   * When every partition had been sent an event at or after {@code eventTime}, or -1 if some partition never was
   * (a window that closes there never became closable in this run).
   */
  public synchronized long reachedAt(long eventTime) {
    long latest = Long.MIN_VALUE;
    for (int p = 0; p < size.length; p++) {
      int i = Arrays.binarySearch(eventTimes[p], 0, size[p], eventTime);
      int first = i >= 0 ? i : -i - 1; // event times are strictly increasing per partition
      if (first == size[p]) {
        return -1;
      }
      latest = Math.max(latest, sentAt[p][first]);
    }
    return latest;
  }

  private int index(int topic, int partition) {
    if (partition < 0 || partition >= partitionsPerTopic[topic]) {
      throw new IllegalArgumentException("topic " + topic + " has " + partitionsPerTopic[topic]
          + " partitions, not " + partition);
    }
    int offset = 0;
    for (int t = 0; t < topic; t++) {
      offset += partitionsPerTopic[t];
    }
    return offset + partition;
  }
}
