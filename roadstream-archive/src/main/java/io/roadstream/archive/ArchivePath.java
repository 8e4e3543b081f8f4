package io.roadstream.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an archive file lives, relative to the archive's root: Hive-style partitions by kind, UTC date and hour of
 * the event time, and a name made of the Kafka partition and the offset of the file's first record:
 * {@code topic=readings/date=2026-11-27/hour=07/part-00003-00000000000000012345.parquet}; a topic's undecodable
 * records alike under {@code rejected/topic=readings/…}, by the hour of their Kafka timestamp.
 *
 * <p>The name is the archive's exactly-once key: a file holds records of one Kafka partition and one hour, in offset
 * order, starting at that offset; an archiver that writes the same records again after a crash writes a file of the
 * same name (which replaces the first) or removes the leftover first (see {@link Archiver}). Numbers are zero-padded
 * so that names sort by offset. Names starting with '.' are files being written: readers skip them, as Spark, Hive and
 * DuckDB do.
 *
 * @param hourStart the hour of the event times (of the Kafka timestamps, for rejected records), epoch ms at its start
 *                  (UTC)
 */
public record ArchivePath(ArchiveKind<?> kind, long hourStart, int partition, long firstOffset) {

  private static final long HOUR = 3_600_000L;
  private static final Pattern PATH = Pattern.compile(
      "(rejected/)?topic=([a-z]+)/date=(\\d{4}-\\d{2}-\\d{2})/hour=(\\d{2})/part-(\\d{5})-(\\d{20})\\.parquet");

  /** The path of the file that starts with the record at {@code offset} of {@code partition}, for an event at {@code time}. */
  public static ArchivePath of(ArchiveKind<?> kind, long time, int partition, long offset) {
    return new ArchivePath(kind, hourStart(time), partition, offset);
  }

  /** The start of the UTC hour that {@code time} (epoch ms) is in. */
  public static long hourStart(long time) {
    return time - Math.floorMod(time, HOUR);
  }

  /** {@code topic=readings/date=2026-11-27/hour=07}. */
  public static String directory(ArchiveKind<?> kind, long hourStart) {
    ZonedDateTime t = Instant.ofEpochMilli(hourStart).atZone(ZoneOffset.UTC);
    return kind.directory() + "/date=" + t.toLocalDate() + "/hour=" + String.format("%02d", t.getHour());
  }

  /** The first part of the names of {@code partition}'s files: {@code part-00003-}. */
  public static String namePrefix(int partition) {
    return String.format("part-%05d-", partition);
  }

  public String directory() {
    return directory(kind, hourStart);
  }

  /** {@code part-00003-00000000000000012345.parquet}. */
  public String fileName() {
    return namePrefix(partition) + String.format("%020d", firstOffset) + ".parquet";
  }

  /** Directory and name, separated by '/'. */
  public String relative() {
    return directory() + "/" + fileName();
  }

  /** The archive file at {@code relative} (a path under the root, '/'-separated), or empty for any other file. */
  public static Optional<ArchivePath> parse(String relative) {
    Matcher m = PATH.matcher(relative);
    if (!m.matches()) {
      return Optional.empty();
    }
    Optional<ArchiveKind<?>> kind = ArchiveKind.named(m.group(2), m.group(1) != null);
    int hour = Integer.parseInt(m.group(4));
    if (kind.isEmpty() || hour > 23) {
      return Optional.empty();
    }
    long start = LocalDate.parse(m.group(3)).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + hour * HOUR;
    return Optional.of(new ArchivePath(kind.get(), start, Integer.parseInt(m.group(5)), Long.parseLong(m.group(6))));
  }
}
