package io.roadstream.ingest.replay.format;

import io.roadstream.ingest.connect.SourceRecord;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/** Placeholder until the format readers land; replaced by their version. */
public interface RecordReader extends Closeable {
  SourceRecord next() throws IOException;

  long bytesRead();

  long totalBytes();

  Map<String, Long> skipped();
}
