package io.roadstream.ingest.replay.format;

import io.roadstream.ingest.connect.SourceRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Puts the records of a file that is not in time order into event-time order, for readers that sort in memory. */
final class TimeOrder {

  private TimeOrder() {}

  /**
   * Rejected records first (they have no time and are best seen early), in file order; then events by time, ties in
   * file order, so the records of one source stay in the order the file has them.
   */
  static List<SourceRecord> sorted(List<SourceRecord> records) {
    List<SourceRecord> result = new ArrayList<>(records);
    // List.sort is stable; Rejected.time() is Long.MIN_VALUE, which sorts them first
    result.sort(Comparator.comparingLong(SourceRecord::time));
    return result;
  }
}
