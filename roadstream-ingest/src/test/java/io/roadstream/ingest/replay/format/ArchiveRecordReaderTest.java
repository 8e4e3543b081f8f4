package io.roadstream.ingest.replay.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roadstream.archive.ArchiveKind;
import io.roadstream.archive.ArchivePath;
import io.roadstream.archive.ArchivedEvent;
import io.roadstream.archive.Provenance;
import io.roadstream.archive.RejectedRecord;
import io.roadstream.archive.parquet.ArchiveFiles;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import io.roadstream.ingest.connect.SourceRecord;
import io.roadstream.ingest.replay.ReplayFormat;
import io.roadstream.ingest.replay.ReplayOptions;
import io.roadstream.ingest.replay.ReplaySettings;
import io.roadstream.ingest.replay.TimeFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code roadstream replay archive DIR}: the archive's events as the replay connector gets them. */
class ArchiveRecordReaderTest {

  private static final long T = Instant.parse("2026-11-27T07:00:00Z").toEpochMilli();

  @TempDir Path dir;

  @Test
  void theArchiveFormatPlaysTheArchivedEventsInTimeOrderWithinTheWindow() throws IOException {
    SensorReading early = new SensorReading("D-1", T + 1000, 30, 4, 80.0, 0.05);
    SensorReading late = new SensorReading("D-1", T + 3_600_000, 30, 5, 70.0, 0.06);
    ProbePosition position = new ProbePosition("v-1", T + 500, 51.9, 4.4, null, null, null, 60.0, 90.0);
    write(ArchiveKind.READINGS, 0, early);
    write(ArchiveKind.READINGS, 1, late);
    write(ArchiveKind.POSITIONS, 0, position);
    ReplayOptions d = ReplayOptions.DEFAULTS;
    ReplayOptions firstHour = new ReplayOptions(d.zone(), d.laneTypes(), d.metric(), d.reportEvery(), d.kind(),
        d.period(), d.archive(), new TimeFilter(Instant.ofEpochMilli(T), Instant.ofEpochMilli(T + 3_600_000)));

    List<SourceRecord> all = readAll(ReplayFormat.named("archive").open(dir.toString(), d));
    List<SourceRecord> window = readAll(ReplayFormat.named("archive").open(dir.toString(), firstHour));

    assertThat(all).containsExactly(SourceRecord.of(position), SourceRecord.of(early), SourceRecord.of(late));
    assertThat(window).containsExactly(SourceRecord.of(position), SourceRecord.of(early));
  }

  @Test
  void anArchivedRejectedRecordComesOutRejectedAgainWithItsBytesReasonAndPlace() throws IOException {
    SensorReading reading = new SensorReading("D-1", T + 1000, 30, 4, 80.0, 0.05);
    write(ArchiveKind.READINGS, 0, reading);
    byte[] bytes = "{\"sensorId\":".getBytes(StandardCharsets.UTF_8);
    write(ArchiveKind.READINGS.rejected(), 1, new RejectedRecord(bytes, "MALFORMED", "not valid JSON: truncated"),
        T + 2000);

    List<SourceRecord> all = readAll(ReplayFormat.named("archive").open(dir.toString(), ReplayOptions.DEFAULTS));

    assertThat(all).hasSize(2).first().isEqualTo(SourceRecord.of(reading));
    assertThat(all.get(1)).isInstanceOfSatisfying(SourceRecord.Rejected.class, r -> {
      assertThat(r.payload()).isEqualTo(bytes);
      assertThat(r.code()).isEqualTo(DeadLetterReason.MALFORMED);
      assertThat(r.reason()).isEqualTo("not valid JSON: truncated");
      assertThat(r.location()).isEqualTo("archived readings record, partition 0 offset 1");
    });
  }

  @Test
  void aDirectoryWithoutArchiveFilesIsAClearError() {
    assertThatThrownBy(() -> ReplayFormat.named("archive").open(dir.toString(), ReplayOptions.DEFAULTS))
        .isInstanceOf(IOException.class).hasMessageContaining("no archive files in " + dir)
        .hasMessageContaining("topic=readings/date=…/hour=…/part-….parquet");
  }

  @Test
  void aReplaySourceMayNameAnS3Location() {
    ReplaySettings s3 = new ReplaySettings("replay", "from-s3", "archive", List.of("s3://traffic/raw"), null, null,
        null, null, null, null, null, null, null);
    ReplaySettings missing = new ReplaySettings("replay", "from-dir", "archive", List.of(dir.resolve("nope").toString()),
        null, null, null, null, null, null, null, null, null);

    assertThat(s3.problems("ingest.sources[0]")).isEmpty();
    assertThat(missing.problems("ingest.sources[0]")).singleElement().asString().contains("cannot read");
  }

  private static List<SourceRecord> readAll(RecordReader reader) throws IOException {
    List<SourceRecord> records = new ArrayList<>();
    try (reader) {
      SourceRecord r;
      while ((r = reader.next()) != null) {
        records.add(r);
      }
      assertThat(reader.bytesRead()).isEqualTo(reader.totalBytes());
    }
    return records;
  }

  private <E> void write(ArchiveKind<E> kind, long offset, E event) throws IOException {
    write(kind, offset, event, T);
  }

  private <E> void write(ArchiveKind<E> kind, long offset, E event, long kafkaTimestamp) throws IOException {
    ArchivedEvent<E> row = new ArchivedEvent<>(kind, new Provenance(0, offset, kafkaTimestamp, null), event);
    Path file = dir.resolve(ArchivePath.of(kind, row.time(), 0, offset).relative());
    Files.createDirectories(file.getParent());
    try (ParquetWriter<ArchivedEvent<E>> writer = ArchiveFiles.writer(file, kind, CompressionCodecName.ZSTD, 1 << 20)) {
      writer.write(row);
    }
  }
}
