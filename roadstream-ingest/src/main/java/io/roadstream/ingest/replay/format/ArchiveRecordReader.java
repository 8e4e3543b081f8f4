package io.roadstream.ingest.replay.format;

import io.roadstream.archive.ArchiveKind;
import io.roadstream.archive.ArchiveReader;
import io.roadstream.archive.ArchivedEvent;
import io.roadstream.archive.RejectedRecord;
import io.roadstream.archive.store.ArchiveStore;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.IncidentReport;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import io.roadstream.ingest.connect.SourceRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * Replays roadstream's Parquet archive (see {@link ArchiveReader}): every archived reading, position and report, in
 * event-time order, each once. The events were validated when they were archived; the records that could not be
 * decoded were archived as they were, and come out rejected again, with the reason they had and where they were in
 * Kafka, to go to the dead letters as they did the first time. A record that a zombie archiver left in two files is
 * counted in {@link #skipped()}.
 */
public final class ArchiveRecordReader implements RecordReader {

  private final ArchiveStore store;
  private final ArchiveReader reader;

  private ArchiveRecordReader(ArchiveStore store, ArchiveReader reader) {
    this.store = store;
    this.reader = reader;
  }

  /**
   * Reads the hours of {@code store} that overlap {@code [from, to)} (either may be null); closing the reader closes
   * the store.
   */
  public static ArchiveRecordReader open(ArchiveStore store, Instant from, Instant to) throws IOException {
    try {
      ArchiveReader reader = new ArchiveReader(store, from, to);
      if (reader.files() == 0) {
        throw new IOException("no archive files in " + store.location()
            + (from == null && to == null ? "" : " between " + from + " and " + to)
            + " (expected topic=readings/date=…/hour=…/part-….parquet)");
      }
      return new ArchiveRecordReader(store, reader);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  @Override
  public SourceRecord next() throws IOException {
    ArchivedEvent<?> e = reader.next();
    if (e == null) {
      return null;
    }
    if (e.kind().isRejected()) {
      RejectedRecord r = (RejectedRecord) e.event();
      return new SourceRecord.Rejected(r.value() == null ? new byte[0] : r.value(), "archived " + e.kind().word()
          + " record, partition " + e.provenance().partition() + " offset " + e.provenance().offset(),
          DeadLetterReason.valueOf(r.reasonCode()), r.reason());
    }
    if (e.kind() == ArchiveKind.READINGS) {
      return SourceRecord.of((SensorReading) e.event());
    }
    if (e.kind() == ArchiveKind.POSITIONS) {
      return SourceRecord.of((ProbePosition) e.event());
    }
    return SourceRecord.of((IncidentReport) e.event());
  }

  @Override
  public long bytesRead() {
    return reader.bytesRead();
  }

  @Override
  public long totalBytes() {
    return reader.totalBytes();
  }

  @Override
  public Map<String, Long> skipped() {
    return reader.duplicates() == 0 ? Map.of()
        : Map.of("records archived twice (same Kafka partition and offset in two files)", reader.duplicates());
  }

  @Override
  public void close() {
    store.close();
  }
}
