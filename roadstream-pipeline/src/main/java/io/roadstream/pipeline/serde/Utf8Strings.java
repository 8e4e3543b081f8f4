package io.roadstream.pipeline.serde;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Strings for the records that cross the job's shuffles: a length, then UTF-8 bytes; null-safe, no length limit.
 * The ids and topic names of raw events are ASCII, which the JDK encodes and decodes as one array copy; Flink's
 * {@code StringValue}, which this replaces there, writes and reads them a character at a time.
 *
 * <p>Only for records in flight between tasks, whose layout may change between versions: state that a savepoint
 * keeps stays with its serializer's layout.
 */
final class Utf8Strings {

  private Utf8Strings() {}

  static void write(String s, DataOutputView out) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static String read(DataInputView in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
