package io.roadstream.ingest.connect;

import io.roadstream.core.event.DeadLetterReason;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counters of one connector, safe to read from any thread while it runs: records read, events produced (acknowledged
 * by Kafka), records rejected by reason, failures of the connector itself, and when it last produced.
 */
public final class ConnectorMetrics {

  private final String connector;
  private final AtomicLong read = new AtomicLong();
  private final AtomicLong produced = new AtomicLong();
  private final Map<DeadLetterReason, AtomicLong> rejected = new EnumMap<>(DeadLetterReason.class);
  private final AtomicLong errors = new AtomicLong();
  private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
  private final AtomicReference<String> lastError = new AtomicReference<>();

  public ConnectorMetrics(String connector) {
    this.connector = connector;
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      rejected.put(reason, new AtomicLong());
    }
  }

  public String connector() {
    return connector;
  }

  void recordRead() {
    read.incrementAndGet();
  }

  void recordProduced(Instant now) {
    produced.incrementAndGet();
    lastSuccess.set(now);
  }

  void recordRejected(DeadLetterReason reason) {
    rejected.get(reason).incrementAndGet();
  }

  void recordError(String message) {
    errors.incrementAndGet();
    lastError.set(message);
  }

  public long read() {
    return read.get();
  }

  /** Events acknowledged by Kafka (dead letters not included). */
  public long produced() {
    return produced.get();
  }

  public long rejected(DeadLetterReason reason) {
    return rejected.get(reason).get();
  }

  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** Runs of the connector that failed (each one retried after a backoff). */
  public long errors() {
    return errors.get();
  }

  /** When Kafka last acknowledged one of its events; null before the first. */
  public Instant lastSuccess() {
    return lastSuccess.get();
  }

  /** The message of the last failure; null if it never failed. */
  public String lastError() {
    return lastError.get();
  }

  /** One line for logs and progress output. */
  public String summary() {
    StringBuilder s = new StringBuilder(connector).append(": read ").append(read()).append(", produced ")
        .append(produced()).append(", rejected ").append(rejectedTotal());
    if (rejectedTotal() > 0) {
      s.append(" (");
      String sep = "";
      for (Map.Entry<DeadLetterReason, AtomicLong> e : rejected.entrySet()) {
        if (e.getValue().get() > 0) {
          s.append(sep).append(e.getKey()).append(' ').append(e.getValue().get());
          sep = ", ";
        }
      }
      s.append(')');
    }
    if (errors() > 0) {
      s.append(", errors ").append(errors()).append(" (last: ").append(lastError()).append(')');
    }
    return s.toString();
  }
}
