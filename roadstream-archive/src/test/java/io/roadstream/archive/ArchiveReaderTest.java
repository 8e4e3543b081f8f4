package io.roadstream.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.archive.parquet.ArchiveFiles;
import io.roadstream.archive.store.LocalArchiveStore;
import io.roadstream.core.event.IncidentReport;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay's reader over real files in a directory laid out as the archiver lays it out. */
class ArchiveReaderTest {

  private static final long SIX = Instant.parse("2026-11-27T06:00:00Z").toEpochMilli();
  private static final long SEVEN = Instant.parse("2026-11-27T07:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;

  @TempDir Path root;

  @Test
  void eventsComeHourByHourInTimeOrderWithTiesAsReadingsPositionsReportsInOffsetOrder() throws IOException {
    // hour 07 first on disk; in it a late file and positions written before readings
    write(ArchiveKind.READINGS, SEVEN, 0, 50, reading("a", SEVEN + 2 * MINUTE), reading("b", SEVEN + MINUTE));
    write(ArchiveKind.READINGS, SEVEN, 0, 90, reading("late", SEVEN));
    write(ArchiveKind.POSITIONS, SEVEN, 1, 7, position("v", SEVEN + MINUTE));
    write(ArchiveKind.REPORTS, SEVEN, 0, 3, report("r", SEVEN + MINUTE));
    write(ArchiveKind.READINGS, SIX, 1, 10, reading("early", SIX + 59 * MINUTE));

    List<String> order = readAll(new ArchiveReader(new LocalArchiveStore(root), null, null));

    assertThat(order).containsExactly("early", "late", "b", "v", "r", "a");
  }

  @Test
  void rejectedRecordsComeByTheirKafkaTimestampAfterTheEventsOfTheSameInstant() throws IOException {
    write(ArchiveKind.READINGS, SEVEN, 0, 1, reading("a", SEVEN + MINUTE), reading("c", SEVEN + 3 * MINUTE));
    // received (Kafka timestamp) at 07:01 and 07:02, the provenance time of the helper below
    write(ArchiveKind.READINGS.rejected(), SEVEN + MINUTE, 0, 2, rejected("received at 07:01"));
    write(ArchiveKind.POSITIONS.rejected(), SEVEN + 2 * MINUTE, 0, 5, rejected("received at 07:02"));
    write(ArchiveKind.POSITIONS.rejected(), SIX + MINUTE, 1, 0, rejected("received at 06:01"));

    assertThat(readAll(new ArchiveReader(new LocalArchiveStore(root), null, null)))
        .containsExactly("received at 06:01", "a", "received at 07:01", "received at 07:02", "c");
    assertThat(readAll(new ArchiveReader(new LocalArchiveStore(root), Instant.ofEpochMilli(SEVEN),
        Instant.ofEpochMilli(SEVEN + 60 * MINUTE)))).as("a time window lists the rejected records' hours too")
        .containsExactly("a", "received at 07:01", "received at 07:02", "c");
  }

  @Test
  void aRecordInTwoFilesComesOutOnceAndIsCounted() throws IOException {
    write(ArchiveKind.READINGS, SEVEN, 0, 10, reading("x", SEVEN), reading("y", SEVEN + MINUTE));
    // a zombie archiver's file over the same offsets 11..
    write(ArchiveKind.READINGS, SEVEN, 0, 11, reading("y", SEVEN + MINUTE), reading("z", SEVEN + 2 * MINUTE));

    ArchiveReader reader = new ArchiveReader(new LocalArchiveStore(root), null, null);

    assertThat(readAll(reader)).containsExactly("x", "y", "z");
    assertThat(reader.duplicates()).isEqualTo(1);
  }

  @Test
  void onlyTheHoursOfTheWindowAreRead() throws IOException {
    write(ArchiveKind.READINGS, SIX, 0, 0, reading("six", SIX + MINUTE));
    write(ArchiveKind.READINGS, SEVEN, 0, 1, reading("seven", SEVEN + MINUTE));
    write(ArchiveKind.READINGS, SEVEN + 3_600_000, 0, 2, reading("eight", SEVEN + 3_600_000 + MINUTE));
    Files.writeString(root.resolve("topic=readings/date=2026-11-27/hour=07/.part-00000-00000000000000000009.parquet"
        + ".inprogress"), "half a file");

    ArchiveReader reader = new ArchiveReader(new LocalArchiveStore(root), Instant.ofEpochMilli(SEVEN + 30 * MINUTE),
        Instant.ofEpochMilli(SEVEN + 60 * MINUTE));

    assertThat(reader.files()).isEqualTo(1);
    assertThat(readAll(reader)).containsExactly("seven");
  }

  private static List<String> readAll(ArchiveReader reader) throws IOException {
    List<String> ids = new ArrayList<>();
    ArchivedEvent<?> e;
    while ((e = reader.next()) != null) {
      ids.add(e.event() instanceof SensorReading r ? r.sensorId()
          : e.event() instanceof ProbePosition p ? p.vehicleId()
          : e.event() instanceof RejectedRecord rejected ? rejected.reason()
          : ((IncidentReport) e.event()).reportId());
    }
    return ids;
  }

  @SafeVarargs
  private <E> void write(ArchiveKind<E> kind, long time, int partition, long firstOffset, E... events)
      throws IOException {
    Path file = root.resolve(ArchivePath.of(kind, time, partition, firstOffset).relative());
    Files.createDirectories(file.getParent());
    try (ParquetWriter<ArchivedEvent<E>> writer = ArchiveFiles.writer(file, kind, CompressionCodecName.ZSTD, 1 << 20)) {
      long offset = firstOffset;
      for (E e : events) {
        writer.write(new ArchivedEvent<>(kind, new Provenance(partition, offset++, time, null), e));
      }
    }
  }

  private static RejectedRecord rejected(String reason) {
    return new RejectedRecord("{".getBytes(java.nio.charset.StandardCharsets.UTF_8), "MALFORMED", reason);
  }

  private static SensorReading reading(String id, long t) {
    return new SensorReading(id, t, 30, 1, 50.0, 0.1);
  }

  private static ProbePosition position(String id, long t) {
    return new ProbePosition(id, t, null, null, "S", 1.0, null, 40.0, null);
  }

  private static IncidentReport report(String id, long t) {
    return new IncidentReport(id, "camera:C", t, "accident", "OPEN", false, "S", 1.0, null, null, null, null, "");
  }
}
