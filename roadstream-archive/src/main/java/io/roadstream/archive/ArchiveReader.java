package io.roadstream.archive;

import io.roadstream.archive.parquet.ArchiveFiles;
import io.roadstream.archive.store.ArchiveStore;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads an archive back in event-time order: hour by hour (the archive is partitioned by event-time hour, so hours
 * never overlap), each hour's files of all kinds read whole and sorted by time; events of the same instant come as
 * readings, positions, reports, each kind in Kafka partition and offset order, so one source's events keep the order
 * they had in Kafka. Rejected records (undecodable, kept as they were) come by their Kafka timestamp, after the events
 * of the same instant. A record found in two files (only a zombie archiver can leave one) comes out once and
 * is counted in {@link #duplicates()}. Only hours that overlap {@code [from, to)} are read. Not thread-safe.
 */
public final class ArchiveReader {

  private static final long HOUR = 3_600_000L;
  private static final Comparator<ArchivedEvent<?>> ORDER = Comparator.<ArchivedEvent<?>>comparingLong(ArchivedEvent::time)
      .thenComparingInt(e -> ArchiveKind.all().indexOf(e.kind()))
      .thenComparingInt(e -> e.provenance().partition())
      .thenComparingLong(e -> e.provenance().offset());

  private record Part(ArchivePath path, ArchiveStore.StoredFile file) {}

  private record Identity(ArchiveKind<?> kind, int partition, long offset) {}

  private final ArchiveStore store;
  private final TreeMap<Long, List<Part>> hours = new TreeMap<>();
  private final Deque<ArchivedEvent<?>> current = new ArrayDeque<>();
  private final long totalBytes;
  private final int fileCount;
  private long bytesRead;
  private long duplicates;

  /**
   * @param from the earliest event time wanted, or null for the archive's start
   * @param to   the end (exclusive) of the event times wanted, or null for the archive's end
   */
  public ArchiveReader(ArchiveStore store, Instant from, Instant to) throws IOException {
    this.store = store;
    long lo = from == null ? Long.MIN_VALUE : from.toEpochMilli();
    long hi = to == null ? Long.MAX_VALUE : to.toEpochMilli();
    long bytes = 0;
    int count = 0;
    for (ArchiveStore.StoredFile f : listing(store, from, to)) {
      var path = ArchivePath.parse(f.relative());
      if (path.isPresent() && path.get().hourStart() < hi && path.get().hourStart() + HOUR > lo) {
        hours.computeIfAbsent(path.get().hourStart(), h -> new ArrayList<>()).add(new Part(path.get(), f));
        bytes += f.size();
        count++;
      }
    }
    this.totalBytes = bytes;
    this.fileCount = count;
  }

  /** With both ends given, only the days in between are listed (one listing per kind and day), not the archive. */
  private static List<ArchiveStore.StoredFile> listing(ArchiveStore store, Instant from, Instant to)
      throws IOException {
    if (from == null || to == null || !from.isBefore(to)
        || from.atZone(ZoneOffset.UTC).toLocalDate().plusDays(366).isBefore(to.atZone(ZoneOffset.UTC).toLocalDate())) {
      return store.list("");
    }
    List<ArchiveStore.StoredFile> files = new ArrayList<>();
    LocalDate last = to.minusMillis(1).atZone(ZoneOffset.UTC).toLocalDate();
    for (LocalDate day = from.atZone(ZoneOffset.UTC).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
      for (ArchiveKind<?> kind : ArchiveKind.all()) {
        files.addAll(store.list(kind.directory() + "/date=" + day));
      }
    }
    return files;
  }

  /** The next event in event-time order, or null after the last. */
  public ArchivedEvent<?> next() throws IOException {
    while (current.isEmpty()) {
      Map.Entry<Long, List<Part>> hour = hours.pollFirstEntry();
      if (hour == null) {
        return null;
      }
      current.addAll(read(hour.getValue()));
    }
    return current.poll();
  }

  private List<ArchivedEvent<?>> read(List<Part> parts) throws IOException {
    List<ArchivedEvent<?>> events = new ArrayList<>();
    Set<Identity> seen = new HashSet<>();
    for (Part part : parts) {
      try (ArchiveStore.Fetched fetched = store.fetch(part.file().relative())) {
        for (ArchivedEvent<?> e : ArchiveFiles.read(fetched.file(), part.path().kind())) {
          if (seen.add(new Identity(e.kind(), e.provenance().partition(), e.provenance().offset()))) {
            events.add(e);
          } else {
            duplicates++;
          }
        }
      }
      bytesRead += part.file().size();
    }
    events.sort(ORDER);
    return events;
  }

  /** Bytes of the files read so far. */
  public long bytesRead() {
    return bytesRead;
  }

  /** Bytes of every file to read. */
  public long totalBytes() {
    return totalBytes;
  }

  /** Files to read. */
  public int files() {
    return fileCount;
  }

  /** Records that were in a file already read (same kind, partition and offset), left out. */
  public long duplicates() {
    return duplicates;
  }
}
