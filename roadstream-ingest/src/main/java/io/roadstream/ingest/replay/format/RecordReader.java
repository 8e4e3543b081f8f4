package io.roadstream.ingest.replay.format;

import io.roadstream.ingest.connect.SourceRecord;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/**
 * Turns one data file into roadstream events, one {@link SourceRecord} at a time, in event-time order. A bad row
 * never stops a reader: it comes out as a {@link SourceRecord.Rejected} (which has no time and may come out before
 * the events around it) whose location says where it was ({@code "line 17"}) and whose reason names the field.
 * What a reader reads but deliberately does not turn into events (ramp stations, "no data" values, rows between
 * two reports) is counted in {@link #skipped()}, never dropped silently. Not thread-safe: one reader, one thread.
 */
public interface RecordReader extends Closeable {

  /** The next record, or null at the end of the file. */
  SourceRecord next() throws IOException;

  /** Bytes of the file consumed so far; readers that sort the whole file read it all before the first record. */
  long bytesRead();

  /** The file's size in bytes, for a progress bar; -1 when unknown (a stream). */
  long totalBytes();

  /** How many items were read but not turned into events, by a reason a person can read. A snapshot. */
  Map<String, Long> skipped();
}
