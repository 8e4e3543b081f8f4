package io.roadstream.server;

import java.time.Instant;

/**
 * Throughput and health of the pipeline as the server reports it to operators.
 *
 * @param eventsInPerSecond raw events produced to Kafka per second (readings, positions, reports)
 * @param statsOutPerSecond segment statistics the job emitted per second
 * @param deadLetters       records in the dead-letter topic so far
 * @param consumerLag       records the materializers still have to read
 * @param asOf              when these numbers were measured
 */
public record PipelineStatus(
    double eventsInPerSecond, double statsOutPerSecond, long deadLetters, long consumerLag, Instant asOf) {

  /** Nothing measured yet: all zero, as of {@code now}. */
  public static PipelineStatus unknown(Instant now) {
    return new PipelineStatus(0, 0, 0, 0, now);
  }
}
