package io.roadstream.archive.parquet;

import io.roadstream.archive.ArchiveKind;
import io.roadstream.archive.ArchivedEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * Writes and reads one archive file on the local disk with parquet-java's Hadoop-free file API ({@link
 * LocalOutputFile}, {@link LocalInputFile}, a plain configuration): Hadoop classes are loaded only for the
 * compression codecs and the reader's options, and no Hadoop configuration file is read.
 */
public final class ArchiveFiles {

  private ArchiveFiles() {}

  /** {@code zstd}, {@code snappy}, {@code gzip} or {@code none} (archive.compression) as Parquet's codec. */
  public static CompressionCodecName codec(String compression) {
    return switch (compression.toLowerCase(Locale.ROOT)) {
      case "zstd" -> CompressionCodecName.ZSTD;
      case "snappy" -> CompressionCodecName.SNAPPY;
      case "gzip" -> CompressionCodecName.GZIP;
      case "none" -> CompressionCodecName.UNCOMPRESSED;
      default -> throw new IllegalArgumentException("compression '" + compression + "': give zstd, snappy, gzip or none");
    };
  }

  /**
   * A writer of {@code kind}'s rows into {@code file} (created or overwritten).
   *
   * @param rowGroupBytes rows are buffered in memory up to about this size before they are written as a row group
   */
  public static <E> ParquetWriter<ArchivedEvent<E>> writer(Path file, ArchiveKind<E> kind, CompressionCodecName codec,
      long rowGroupBytes) throws IOException {
    return new Builder<>(new LocalOutputFile(file), kind)
        .withConf(new PlainParquetConfiguration())
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withCompressionCodec(codec)
        .withRowGroupSize(rowGroupBytes)
        .withDictionaryEncoding(true)
        .build();
  }

  /** Every row of an archive file of {@code kind}, in file (offset) order. */
  public static <E> List<ArchivedEvent<E>> read(Path file, ArchiveKind<E> kind) throws IOException {
    ParquetConfiguration conf = new PlainParquetConfiguration();
    List<ArchivedEvent<E>> rows = new ArrayList<>();
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
        ParquetReadOptions.builder(conf).build())) {
      MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
      MessageType expected = ArchiveSchema.of(kind);
      if (!fileSchema.equals(expected)) {
        throw new IOException(file + " is not an archive file of " + kind + ": its schema is " + fileSchema);
      }
      MessageColumnIO columns = new ColumnIOFactory().getColumnIO(fileSchema);
      PageReadStore rowGroup;
      while ((rowGroup = reader.readNextRowGroup()) != null) {
        RecordReader<ArchivedEvent<E>> records = columns.getRecordReader(rowGroup, new EventMaterializer<>(kind));
        for (long i = 0; i < rowGroup.getRowCount(); i++) {
          rows.add(records.read());
        }
      }
    }
    return rows;
  }

  private static final class Builder<E> extends ParquetWriter.Builder<ArchivedEvent<E>, Builder<E>> {
    private final ArchiveKind<E> kind;

    Builder(OutputFile file, ArchiveKind<E> kind) {
      super(file);
      this.kind = kind;
    }

    @Override
    protected Builder<E> self() {
      return this;
    }

    @Override
    protected WriteSupport<ArchivedEvent<E>> getWriteSupport(ParquetConfiguration conf) {
      return new EventWriteSupport<>(kind);
    }

    @Override
    protected WriteSupport<ArchivedEvent<E>> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
      return new EventWriteSupport<>(kind);
    }
  }
}
