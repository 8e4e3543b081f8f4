package io.roadstream.ingest.http;

import io.roadstream.ingest.connect.EventSink;
import io.roadstream.ingest.connect.SinkException;
import io.roadstream.ingest.connect.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * An {@link EventSink} that keeps what it is given, for assertions. It can request the connector's stop once a
 * condition on what it received holds (to stop a poller mid-stream at an exact record), and can fail its flushes
 * (a Kafka outage). Thread-safe: the connector writes from its thread, the test reads from its own.
 */
final class RecordingSink implements EventSink {

  private final List<SourceRecord> accepted = new ArrayList<>();
  private int flushedCount;
  private Predicate<List<SourceRecord>> stopWhen = r -> false;
  private TestStop stop;
  private boolean failFlushes;

  /** Requests {@code stop} right after accepting the record that makes {@code condition} true. */
  synchronized RecordingSink stopWhen(TestStop stop, Predicate<List<SourceRecord>> condition) {
    this.stop = stop;
    this.stopWhen = condition;
    return this;
  }

  synchronized RecordingSink failFlushes() {
    this.failFlushes = true;
    return this;
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
    flushedCount = accepted.size();
  }

  synchronized List<SourceRecord> records() {
    return List.copyOf(accepted);
  }

  /** What a flush has confirmed: what a restarted poller must not deliver again. */
  synchronized List<SourceRecord> flushed() {
    return List.copyOf(accepted.subList(0, flushedCount));
  }

  synchronized List<String> sensorIds() {
    return accepted.stream().filter(r -> r instanceof SourceRecord.Reading)
        .map(r -> ((SourceRecord.Reading) r).reading().sensorId()).toList();
  }

  synchronized List<SourceRecord.Rejected> rejected() {
    return accepted.stream().filter(r -> r instanceof SourceRecord.Rejected).map(r -> (SourceRecord.Rejected) r)
        .toList();
  }

  static int readings(List<SourceRecord> records) {
    return (int) records.stream().filter(r -> r instanceof SourceRecord.Reading).count();
  }
}
