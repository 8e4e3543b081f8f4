package io.roadstream.ingest.replay;

import io.roadstream.ingest.connect.Connector;
import io.roadstream.ingest.connect.EventSink;
import io.roadstream.ingest.connect.SourceRecord;
import io.roadstream.ingest.replay.format.RecordReader;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plays files of recorded traffic into Kafka, one after another, each from its reader's event-time order: paced by
 * event time ({@link ReplayPacing}) or as fast as possible, limited to a {@link TimeFilter}. Each file's pacing starts
 * when the file does, so a month between two recorded days is not waited out.
 *
 * <p>It flushes every {@value #FLUSH_EVERY} records and remembers how many records of the whole run are in Kafka;
 * when a run fails and the runtime starts it again, it skips those, so a retry does not send them twice.
 */
public final class ReplayConnector implements Connector {

  /** Opens one file's reader; called once per run, so a retried run reads the file again from its start. */
  @FunctionalInterface
  public interface ReplayFile {
    RecordReader open() throws IOException;
  }

  static final int FLUSH_EVERY = 10_000;

  private final String name;
  private final List<ReplayFile> files;
  private final ReplayPacing pacing;
  private final TimeFilter filter;
  private final Clock clock;
  private volatile Progress progress = Progress.START;
  private long committed;

  public ReplayConnector(String name, List<ReplayFile> files, ReplayPacing pacing, TimeFilter filter, Clock clock) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("a replay needs at least one file");
    }
    this.name = name;
    this.files = List.copyOf(files);
    this.pacing = pacing;
    this.filter = filter;
    this.clock = clock;
  }

  @Override
  public String name() {
    return name;
  }

  /** Where the replay is, for a progress bar; safe to read from any thread. */
  public Progress progress() {
    return progress;
  }

  @Override
  public void run(EventSink sink, Stop stop) throws Exception {
    long index = 0;
    long filteredOut = 0;
    Map<String, Long> skipped = new TreeMap<>();
    for (int f = 0; f < files.size(); f++) {
      try (RecordReader reader = files.get(f).open()) {
        long wallStart = clock.millis();
        long firstEventTime = Long.MIN_VALUE;
        SourceRecord record;
        while ((record = reader.next()) != null) {
          if (stop.requested()) {
            return;
          }
          index++;
          long time = record.time();
          if (index <= committed) {
            continue;
          }
          if (!filter.admits(time)) {
            filteredOut++;
            if (filter.past(time)) {
              break;
            }
            continue;
          }
          if (pacing.paced() && time != Long.MIN_VALUE) {
            if (firstEventTime == Long.MIN_VALUE) {
              firstEventTime = time;
              wallStart = clock.millis();
            }
            long wait = pacing.dueAt(wallStart, firstEventTime, time) - clock.millis();
            if (wait > 0 && stop.await(wait)) {
              return;
            }
          }
          sink.accept(record);
          if (index % FLUSH_EVERY == 0) {
            sink.flush();
            committed = index;
          }
          if (index % 1000 == 0) {
            progress = new Progress(f + 1, files.size(), index, filteredOut, reader.bytesRead(), reader.totalBytes(),
                time == Long.MIN_VALUE ? progress.eventTime() : time, Map.copyOf(merge(skipped, reader.skipped())),
                false);
          }
        }
        sink.flush();
        committed = index;
        skipped = merge(skipped, reader.skipped());
        progress = new Progress(f + 1, files.size(), index, filteredOut, reader.totalBytes(), reader.totalBytes(),
            progress.eventTime(), Map.copyOf(skipped), f == files.size() - 1);
      }
    }
  }

  private static Map<String, Long> merge(Map<String, Long> earlier, Map<String, Long> current) {
    Map<String, Long> all = new TreeMap<>(earlier);
    current.forEach((k, v) -> all.merge(k, v, Long::sum));
    return all;
  }

  /**
   * @param file        1-based number of the file being played
   * @param records     records read so far over all files (events, rejected, filtered out)
   * @param filteredOut records outside the time filter
   * @param eventTime   the event time last played, {@link Long#MIN_VALUE} before the first
   * @param skipped     what the readers did not turn into events, by reason
   */
  public record Progress(int file, int files, long records, long filteredOut, long bytesRead, long totalBytes,
      long eventTime, Map<String, Long> skipped, boolean done) {
    static final Progress START = new Progress(1, 1, 0, 0, 0, -1, Long.MIN_VALUE, Map.of(), false);

    /** 0..1 of the current file, or -1 when its size is unknown. */
    public double fileFraction() {
      return totalBytes > 0 ? Math.min(1.0, (double) bytesRead / totalBytes) : -1;
    }
  }
}
