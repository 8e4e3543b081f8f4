package io.roadstream.ingest.replay.format;

import io.roadstream.core.codec.DecodeException;
import io.roadstream.core.codec.EventCodec;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.ingest.connect.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads JSON Lines of roadstream's own raw events (docs/events.md), one event per line, decoded and validated by
 * {@link EventCodec}: a line the codec refuses comes out rejected with the codec's message. The event kind is fixed
 * by {@link Kind}, or sniffed per line from the identifying field ({@code reportId} → report, {@code vehicleId} →
 * position, {@code sensorId} → reading). Blank lines are counted in {@link #skipped()}.
 *
 * <p>The file must be in time order (as written by a recorder or sorted beforehand); the reader streams it. A line
 * earlier than one already read comes out as {@link DeadLetterReason#OUT_OF_ORDER}.
 */
public final class JsonLinesReader implements RecordReader {

  /** Which event every line is, or {@link #SNIFF} to tell per line. */
  public enum Kind { READINGS, POSITIONS, REPORTS, SNIFF }

  // a field name at the top level or nested; escaped quotes (inside a string value) do not count
  private static final Pattern REPORT = Pattern.compile("(?<!\\\\)\"reportId\"\\s*:");
  private static final Pattern POSITION = Pattern.compile("(?<!\\\\)\"vehicleId\"\\s*:");
  private static final Pattern READING = Pattern.compile("(?<!\\\\)\"sensorId\"\\s*:");

  private final LineSource lines;
  private final long totalBytes;
  private final Kind kind;
  private final EventCodec codec;
  private final SkipTally skipped = new SkipTally();
  private long latestTime = Long.MIN_VALUE;
  private int latestLine;

  public static JsonLinesReader open(Path file, Kind kind, EventCodec codec) throws IOException {
    return new JsonLinesReader(Files.newInputStream(file), Files.size(file), kind, codec);
  }

  /**
   * @param totalBytes the stream's length, or -1 if unknown
   * @param codec      decodes and validates; its clock and limits decide what is plausible
   */
  public JsonLinesReader(InputStream in, long totalBytes, Kind kind, EventCodec codec) {
    this.lines = new LineSource(in);
    this.totalBytes = totalBytes;
    this.kind = kind;
    this.codec = codec;
  }

  @Override
  public SourceRecord next() throws IOException {
    String line;
    while ((line = lines.next()) != null) {
      if (line.isBlank()) {
        skipped.add("blank lines");
        continue;
      }
      return decode(line);
    }
    return null;
  }

  private SourceRecord decode(String line) {
    String location = "line " + lines.lineNumber();
    Kind lineKind = kind == Kind.SNIFF ? sniff(line) : kind;
    if (lineKind == null) {
      return new SourceRecord.Rejected(line, location, line.stripLeading().startsWith("{")
          ? DeadLetterReason.INVALID : DeadLetterReason.MALFORMED,
          "none of the fields 'sensorId', 'vehicleId', 'reportId': not a reading, position or report");
    }
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    SourceRecord record;
    try {
      record = switch (lineKind) {
        case READINGS -> SourceRecord.of(codec.decodeReading(bytes));
        case POSITIONS -> SourceRecord.of(codec.decodePosition(bytes));
        case REPORTS -> SourceRecord.of(codec.decodeReport(bytes));
        case SNIFF -> throw new IllegalStateException("sniffed to a kind");
      };
    } catch (DecodeException e) {
      return new SourceRecord.Rejected(bytes, location, e.reason(), e.getMessage());
    }
    if (record.time() < latestTime) {
      return new SourceRecord.Rejected(bytes, location, DeadLetterReason.OUT_OF_ORDER, "field 'time': "
          + record.time() + " is before line " + latestLine + "'s " + latestTime + "; sort the file by time");
    }
    latestTime = record.time();
    latestLine = lines.lineNumber();
    return record;
  }

  private static Kind sniff(String line) {
    if (REPORT.matcher(line).find()) {
      return Kind.REPORTS;
    }
    if (POSITION.matcher(line).find()) {
      return Kind.POSITIONS;
    }
    return READING.matcher(line).find() ? Kind.READINGS : null;
  }

  @Override
  public long bytesRead() {
    return lines.bytesRead();
  }

  @Override
  public long totalBytes() {
    return totalBytes;
  }

  @Override
  public Map<String, Long> skipped() {
    return skipped.snapshot();
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
