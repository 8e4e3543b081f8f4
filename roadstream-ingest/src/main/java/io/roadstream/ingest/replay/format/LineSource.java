package io.roadstream.ingest.replay.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** The lines of a UTF-8 text file with their numbers and the bytes consumed so far. */
final class LineSource implements AutoCloseable {

  private final CountingInputStream counting;
  private final BufferedReader reader;
  private int lineNumber;

  LineSource(InputStream in) {
    this.counting = new CountingInputStream(in);
    this.reader = new BufferedReader(new InputStreamReader(counting, StandardCharsets.UTF_8));
  }

  /** The next line without its terminator, or null at the end. */
  String next() throws IOException {
    String line = reader.readLine();
    if (line != null) {
      lineNumber++;
    }
    return line;
  }

  /** The number of the line {@link #next()} returned last, from 1. */
  int lineNumber() {
    return lineNumber;
  }

  /** Bytes read from the file; runs ahead of the lines returned by at most the reader's buffer. */
  long bytesRead() {
    return counting.count();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
