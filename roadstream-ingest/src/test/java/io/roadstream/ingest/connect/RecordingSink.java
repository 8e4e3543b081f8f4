package io.roadstream.ingest.connect;

import java.util.ArrayList;
import java.util.List;

/** An in-memory sink for connector tests: what was accepted, and what was flushed (i.e. would be in Kafka). */
public class RecordingSink implements EventSink {

  private final List<SourceRecord> accepted = new ArrayList<>();
  private int flushedUpTo;
  private RuntimeException failNextFlush;

  @Override
  public synchronized void accept(SourceRecord record) {
    accepted.add(record);
  }

  @Override
  public synchronized void flush() {
    if (failNextFlush != null) {
      RuntimeException e = failNextFlush;
      failNextFlush = null;
      accepted.subList(flushedUpTo, accepted.size()).clear();
      throw e;
    }
    flushedUpTo = accepted.size();
  }

  /** The next flush fails and loses what was accepted since the last one, as if Kafka had refused it. */
  public synchronized void failNextFlush(RuntimeException e) {
    failNextFlush = e;
  }

  public synchronized List<SourceRecord> flushed() {
    return List.copyOf(accepted.subList(0, flushedUpTo));
  }
}
