package io.roadstream.archive.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where archive files are kept: a local directory or an S3 bucket. Paths are relative to the archive's root and
 * '/'-separated. A file is written on the local disk first and becomes visible in the archive only whole, when it is
 * published (a rename in the same directory, or the end of an upload), so a reader never sees half a file and a
 * crash leaves at most a staging file that no reader takes for data.
 */
public interface ArchiveStore extends AutoCloseable {

  /** A file being written: {@link #file()} on the local disk, then {@link #publish()} or {@link #discard()}. */
  interface Staged {
    /** Where to write the file's bytes. */
    Path file();

    /** Makes the written file durable at its path in the archive, replacing any file there; idempotent. */
    void publish() throws IOException;

    /** Drops the written bytes; the archive is unchanged. */
    void discard();
  }

  /** A local copy of an archive file to read; closing it removes a downloaded copy. */
  interface Fetched extends AutoCloseable {
    Path file();

    @Override
    void close();
  }

  /** A file in the archive and its size in bytes. */
  record StoredFile(String relative, long size) {
    /** The last element of the path. */
    public String name() {
      return relative.substring(relative.lastIndexOf('/') + 1);
    }
  }

  /** A new file to be published at {@code relative}. */
  Staged stage(String relative) throws IOException;

  /** Every file under {@code directory} (relative, without a trailing '/'; empty = the whole archive), any depth. */
  List<StoredFile> list(String directory) throws IOException;

  /** Removes the file at {@code relative}; nothing happens when there is none. */
  void delete(String relative) throws IOException;

  Fetched fetch(String relative) throws IOException;

  /** The archive's location for people: a directory, or {@code s3://bucket/prefix}. Never holds a secret. */
  String location();

  @Override
  void close();
}
