package io.roadstream.archive;

import io.roadstream.archive.parquet.ArchiveFiles;
import io.roadstream.archive.store.ArchiveStore;
import java.io.IOException;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** One archive file being written by the {@link Archiver}: its path, its staged local file and the Parquet writer. */
final class OpenFile<E> {

  final ArchivePath path;
  final ArchiveStore.Staged staged;
  private final ParquetWriter<ArchivedEvent<E>> writer;
  private long rows;
  private boolean closed;

  private OpenFile(ArchivePath path, ArchiveStore.Staged staged, ParquetWriter<ArchivedEvent<E>> writer) {
    this.path = path;
    this.staged = staged;
    this.writer = writer;
  }

  static <E> OpenFile<E> create(ArchiveStore store, ArchivePath path, ArchiveKind<E> kind, CompressionCodecName codec,
      long rowGroupBytes) throws IOException {
    ArchiveStore.Staged staged = store.stage(path.relative());
    return new OpenFile<>(path, staged, ArchiveFiles.writer(staged.file(), kind, codec, rowGroupBytes));
  }

  void write(ArchivedEvent<E> row) throws IOException {
    writer.write(row);
    rows++;
  }

  /** Bytes written and buffered so far (before compression of the buffered part). */
  long size() {
    return writer.getDataSize();
  }

  long rows() {
    return rows;
  }

  /** Writes the footer: the staged file is a whole Parquet file now. */
  void close() throws IOException {
    if (!closed) {
      closed = true;
      writer.close();
    }
  }

  /** Closes the writer if it is open and drops the staged file; for a batch that will be archived again. */
  void discard() {
    try {
      close();
    } catch (IOException | RuntimeException e) {
      // the bytes are being thrown away anyway
    }
    staged.discard();
  }
}
