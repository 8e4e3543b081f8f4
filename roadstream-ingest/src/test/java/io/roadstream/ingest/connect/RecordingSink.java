package io.roadstream.ingest.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * An {@link EventSink} that keeps what it is given, for connector tests: what was accepted, and what a flush
 * confirmed (what would be in Kafka). It can request the connector's stop once a condition on what it received holds
 * (to stop a connector mid-stream at an exact record), and can fail its flushes (a Kafka outage). Thread-safe: the
 * connector writes from its thread, the test reads from its own.
 */
public class RecordingSink implements EventSink {

  private final List<SourceRecord> accepted = new ArrayList<>();
  private int flushedCount;
  private Predicate<List<SourceRecord>> stopWhen = r -> false;
  private StopSignal stop;
  private boolean failFlushes;
  private RuntimeException failNextFlush;

  /** Requests {@code stop} right after accepting the record that makes {@code condition} true. */
  public synchronized RecordingSink stopWhen(StopSignal stop, Predicate<List<SourceRecord>> condition) {
    this.stop = stop;
    this.stopWhen = condition;
    return this;
  }

  /** Every flush fails from now on, keeping what was accepted unconfirmed. */
  public synchronized RecordingSink failFlushes() {
    this.failFlushes = true;
    return this;
  }

  /** The next flush fails and loses what was accepted since the last one, as if Kafka had refused it. */
  public synchronized void failNextFlush(RuntimeException e) {
    failNextFlush = e;
  }

  @Override
  public synchronized void accept(SourceRecord record) {
    accepted.add(record);
    if (stop != null && stopWhen.test(List.copyOf(accepted))) {
      stop.request();
    }
  }

  @Override
  public synchronized void flush() {
    if (failFlushes) {
      throw new SinkException("the test's Kafka is down", null);
    }
    if (failNextFlush != null) {
      RuntimeException e = failNextFlush;
      failNextFlush = null;
      accepted.subList(flushedCount, accepted.size()).clear();
      throw e;
    }
    flushedCount = accepted.size();
  }

  public synchronized List<SourceRecord> records() {
    return List.copyOf(accepted);
  }

  /** What a flush has confirmed: what a restarted connector must not deliver again. */
  public synchronized List<SourceRecord> flushed() {
    return List.copyOf(accepted.subList(0, flushedCount));
  }

  public synchronized List<String> sensorIds() {
    return accepted.stream().filter(r -> r instanceof SourceRecord.Reading)
        .map(r -> ((SourceRecord.Reading) r).reading().sensorId()).toList();
  }

  public synchronized List<SourceRecord.Rejected> rejected() {
    return accepted.stream().filter(r -> r instanceof SourceRecord.Rejected).map(r -> (SourceRecord.Rejected) r)
        .toList();
  }

  public static int readings(List<SourceRecord> records) {
    return (int) records.stream().filter(r -> r instanceof SourceRecord.Reading).count();
  }
}
