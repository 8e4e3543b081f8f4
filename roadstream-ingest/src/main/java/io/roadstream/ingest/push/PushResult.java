package io.roadstream.ingest.push;

import io.roadstream.core.event.DeadLetterReason;
import java.util.List;

/**
 * What became of a push: how many records are in their raw topic, and which were rejected and why (they are in the
 * dead letters). Both only once Kafka acknowledged them.
 */
public record PushResult(int accepted, List<Rejection> rejected) {

  public PushResult {
    rejected = List.copyOf(rejected);
  }

  /**
   * @param index  the record's 0-based place among the body's records
   * @param line   its 1-based line in an NDJSON body, null in a JSON array
   * @param reason what is wrong with it, naming the field
   */
  public record Rejection(int index, Integer line, String reason, DeadLetterReason code) {}
}
