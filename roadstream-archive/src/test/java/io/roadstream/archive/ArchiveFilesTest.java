package io.roadstream.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roadstream.archive.parquet.ArchiveFiles;
import io.roadstream.core.event.IncidentReport;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SensorReading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed columns of each kind, written to a real file and read back by a generic Parquet reader and our own. */
class ArchiveFilesTest {

  private static final long T = Instant.parse("2026-11-27T07:30:00Z").toEpochMilli();

  @TempDir Path dir;

  @Test
  void aReadingKeepsItsTypesAndItsNullsInColumnsNamedLikeItsJson() throws IOException {
    SensorReading full = new SensorReading("D-M1-E-03", T, 30, 21, 96.4, 0.07);
    SensorReading sparse = new SensorReading("api-7", T + 30_000, 60, null, 54.0, null);
    Path file = write(ArchiveKind.READINGS, CompressionCodecName.ZSTD,
        new ArchivedEvent<>(ArchiveKind.READINGS, new Provenance(2, 40, T + 1000, "D-M1-E-03"), full),
        new ArchivedEvent<>(ArchiveKind.READINGS, new Provenance(2, 41, T + 31_000, null), sparse));

    PlainParquet.Content content = PlainParquet.read(file);

    assertThat(content.rows()).containsExactly(
        Map.of("kafkaPartition", 2, "kafkaOffset", 40L, "kafkaTimestamp", T + 1000, "kafkaKey", "D-M1-E-03",
            "sensorId", "D-M1-E-03", "time", T, "intervalS", 30, "vehicleCount", 21, "avgSpeedKmh", 96.4,
            "occupancy", 0.07),
        Map.of("kafkaPartition", 2, "kafkaOffset", 41L, "kafkaTimestamp", T + 31_000,
            "sensorId", "api-7", "time", T + 30_000, "intervalS", 60, "avgSpeedKmh", 54.0));
    Type time = content.schema().getType("time");
    assertThat(time.asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT64);
    assertThat(time.getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));
    assertThat(time.isRepetition(Type.Repetition.REQUIRED)).isTrue();
    assertThat(content.schema().getType("vehicleCount").isRepetition(Type.Repetition.OPTIONAL)).isTrue();
    assertThat(content.schema().getType("sensorId").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.stringType());
    assertThat(content.metadata()).containsEntry("roadstream.kind", "readings");

    assertThat(ArchiveFiles.read(file, ArchiveKind.READINGS)).extracting(ArchivedEvent::event)
        .containsExactly(full, sparse);
  }

  @Test
  void positionsAndReportsComeBackEqual() throws IOException {
    ProbePosition byCoordinates = new ProbePosition("v-1042", T, 51.9213, 4.4512, null, null, null, 97.0, 88.1);
    ProbePosition byReference = new ProbePosition("v-7", T + 1, null, null, "M1-E-03", 412.5, 2, 0.0, null);
    IncidentReport report = new IncidentReport("cam-7-0712", "camera:CAM-7", T, "accident", "OPEN", true, "M1-E-07",
        620.0, null, null, null, 2, "two cars, right lanes");
    IncidentReport bare = new IncidentReport("op-1", "operator:desk-2", T, "debris", "CLOSED", false, null, null,
        51.92, 4.45, 270.0, null, "");
    Provenance p = new Provenance(0, 0, T, "k");

    Path positions = write(ArchiveKind.POSITIONS, CompressionCodecName.SNAPPY,
        new ArchivedEvent<>(ArchiveKind.POSITIONS, p, byCoordinates),
        new ArchivedEvent<>(ArchiveKind.POSITIONS, new Provenance(0, 1, T, "v-7"), byReference));
    Path reports = write(ArchiveKind.REPORTS, CompressionCodecName.UNCOMPRESSED,
        new ArchivedEvent<>(ArchiveKind.REPORTS, p, report),
        new ArchivedEvent<>(ArchiveKind.REPORTS, new Provenance(0, 1, T, null), bare));

    assertThat(ArchiveFiles.read(positions, ArchiveKind.POSITIONS)).extracting(ArchivedEvent::event)
        .containsExactly(byCoordinates, byReference);
    assertThat(ArchiveFiles.read(reports, ArchiveKind.REPORTS)).extracting(ArchivedEvent::event)
        .containsExactly(report, bare);
    assertThat(PlainParquet.read(reports).rows().get(0)).containsEntry("verified", true)
        .containsEntry("lanesBlocked", 2).containsEntry("description", "two cars, right lanes")
        .doesNotContainKey("lat");
  }

  @Test
  void rejectedRecordsKeepTheirBytesExactlyEvenWhenTheyAreNotText() throws IOException {
    byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, 0, '{', (byte) 0x80};
    ArchiveKind<RejectedRecord> kind = ArchiveKind.POSITIONS.rejected();
    List<ArchivedEvent<RejectedRecord>> rows = List.of(
        new ArchivedEvent<>(kind, new Provenance(1, 7, T, "v-1"),
            new RejectedRecord(notUtf8, "MALFORMED", "not valid JSON")),
        new ArchivedEvent<>(kind, new Provenance(1, 9, T + 5, null),
            new RejectedRecord(null, "MALFORMED", "empty record: expected a JSON position")));
    Path file = write(kind, CompressionCodecName.ZSTD, rows.get(0), rows.get(1));

    assertThat(ArchiveFiles.read(file, kind)).containsExactlyElementsOf(rows);
    PlainParquet.Content plain = PlainParquet.read(file);
    assertThat(plain.schema().toString()).contains("optional binary value;", "required binary reasonCode (STRING);");
    assertThat(plain.rows().get(1)).as("no value: the column is null").doesNotContainKey("value");
    assertThatThrownBy(() -> ArchiveFiles.read(file, ArchiveKind.POSITIONS))
        .isInstanceOf(IOException.class).hasMessageContaining("not an archive file of positions");
  }

  @Test
  void aFileOfAnotherKindIsRefusedNotMisread() throws IOException {
    Path readings = write(ArchiveKind.READINGS, CompressionCodecName.ZSTD, new ArchivedEvent<>(ArchiveKind.READINGS,
        new Provenance(0, 0, T, null), new SensorReading("s", T, 30, 1, 50.0, 0.1)));

    assertThatThrownBy(() -> ArchiveFiles.read(readings, ArchiveKind.POSITIONS))
        .isInstanceOf(IOException.class).hasMessageContaining("not an archive file of positions");
  }

  @Test
  void compressionNamesMapToCodecs() {
    assertThat(List.of("zstd", "snappy", "gzip", "none")).extracting(ArchiveFiles::codec)
        .containsExactly(CompressionCodecName.ZSTD, CompressionCodecName.SNAPPY, CompressionCodecName.GZIP,
            CompressionCodecName.UNCOMPRESSED);
  }

  @SafeVarargs
  private <E> Path write(ArchiveKind<E> kind, CompressionCodecName codec, ArchivedEvent<E>... rows)
      throws IOException {
    Path file = dir.resolve(kind.word() + "-" + codec + ".parquet");
    try (ParquetWriter<ArchivedEvent<E>> writer = ArchiveFiles.writer(file, kind, codec, 1024 * 1024)) {
      for (ArchivedEvent<E> row : rows) {
        writer.write(row);
      }
    }
    assertThat(Files.size(file)).isPositive();
    return file;
  }
}
