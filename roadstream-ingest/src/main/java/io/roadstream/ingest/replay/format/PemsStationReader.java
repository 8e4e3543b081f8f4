package io.roadstream.ingest.replay.format;

import io.roadstream.core.codec.EventLimits;
import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.SensorReading;
import io.roadstream.ingest.connect.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Caltrans PeMS "Station 5-Minute" CSV file (52 columns; see shared/data/pems/SOURCE.md): one
 * {@link SensorReading} per station row, {@code sensorId} the station id, {@code time} the interval's start (the
 * file's local time in {@link Options#zone()}, across DST changes), 300 s intervals, {@code vehicleCount} the Total
 * Flow, {@code avgSpeedKmh} the Avg Speed converted from mph (null when empty), {@code occupancy} the Avg Occupancy
 * (0..1). Rows of lane types not in {@link Options#laneTypes()} are counted in {@link #skipped()}.
 *
 * <p>PeMS files are in time order, and the reader streams them in file order. A row earlier than one already read
 * (two days concatenated the wrong way round) comes out as {@link DeadLetterReason#OUT_OF_ORDER}.
 */
public final class PemsStationReader implements RecordReader {

  /**
   * @param zone      the time zone of the file's timestamps (PeMS: America/Los_Angeles)
   * @param laneTypes the PeMS lane types to read (ML mainline, OR on-ramp, FR off-ramp, HV HOV, CD, CH, FF)
   */
  public record Options(ZoneId zone, Set<String> laneTypes) {
    public static final Options DEFAULT = new Options(ZoneId.of("America/Los_Angeles"), Set.of("ML"));

    public Options {
      if (laneTypes.isEmpty()) {
        throw new IllegalArgumentException("laneTypes: name at least one PeMS lane type (ML, OR, FR, ...)");
      }
      laneTypes = Set.copyOf(laneTypes);
    }
  }

  static final int INTERVAL_SECONDS = 300;
  private static final double KMH_PER_MPH = 1.609344;
  private static final double MAX_SPEED_KMH = EventLimits.DEFAULT.maxSpeedKmh();
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss", Locale.ROOT);
  private static final int TIMESTAMP_COLUMN = 0;
  private static final int STATION_COLUMN = 1;
  private static final int LANE_TYPE_COLUMN = 5;
  private static final int TOTAL_FLOW_COLUMN = 9;
  private static final int OCCUPANCY_COLUMN = 10;
  private static final int SPEED_COLUMN = 11;
  private static final int MIN_COLUMNS = SPEED_COLUMN + 1;
  private static final Map<String, String> LANE_TYPE_NAMES = Map.of("ML", "mainline", "OR", "on-ramp",
      "FR", "off-ramp", "HV", "HOV", "CD", "collector/distributor", "CH", "conventional highway",
      "FF", "freeway-to-freeway connector");

  private final LineSource lines;
  private final long totalBytes;
  private final Options options;
  private final WallClock clock;
  private final SkipTally skipped = new SkipTally();
  private long latestTime = Long.MIN_VALUE;
  private int latestLine;

  /** A reader of {@code file} (its size is the progress bar's total). */
  public static PemsStationReader open(Path file, Options options) throws IOException {
    return new PemsStationReader(Files.newInputStream(file), Files.size(file), options);
  }

  /** @param totalBytes the stream's length, or -1 if unknown */
  public PemsStationReader(InputStream in, long totalBytes, Options options) {
    this.lines = new LineSource(in);
    this.totalBytes = totalBytes;
    this.options = options;
    this.clock = new WallClock(options.zone());
  }

  @Override
  public SourceRecord next() throws IOException {
    String line;
    while ((line = lines.next()) != null) {
      if (line.isBlank() || (lines.lineNumber() == 1 && line.startsWith("Timestamp"))) {
        continue;
      }
      SourceRecord record = row(line);
      if (record != null) {
        return record;
      }
    }
    return null;
  }

  /** The record of one row, or null when the row is skipped. */
  private SourceRecord row(String line) {
    String[] f = line.split(",", -1);
    if (f.length < MIN_COLUMNS) {
      return rejected(line, DeadLetterReason.MALFORMED, f.length + " fields; a Station 5-Minute row has 52");
    }
    String laneType = f[LANE_TYPE_COLUMN].trim();
    if (!options.laneTypes().contains(laneType)) {
      skipped.add(laneTypeReason(laneType));
      return null;
    }
    String station = f[STATION_COLUMN].trim();
    if (station.isEmpty()) {
      return rejected(line, DeadLetterReason.INVALID, "field 'Station' is empty");
    }
    LocalDateTime local;
    try {
      local = LocalDateTime.parse(f[TIMESTAMP_COLUMN].trim(), TIMESTAMP);
    } catch (DateTimeParseException e) {
      return rejected(line, DeadLetterReason.MALFORMED, "field 'Timestamp': '" + f[TIMESTAMP_COLUMN]
          + "' is not MM/DD/YYYY HH:MM:SS");
    }
    long time;
    try {
      time = clock.toEpochMillis(local);
    } catch (IllegalArgumentException e) {
      return rejected(line, DeadLetterReason.INVALID, "field 'Timestamp': " + e.getMessage());
    }
    if (f[TOTAL_FLOW_COLUMN].isBlank()) {
      return rejected(line, DeadLetterReason.INVALID, "field 'Total Flow' is empty: PeMS has no count for "
          + "this interval");
    }
    Double flow;
    Double occupancy;
    Double speedMph;
    try {
      flow = number(f, TOTAL_FLOW_COLUMN, "Total Flow");
      occupancy = number(f, OCCUPANCY_COLUMN, "Avg Occupancy");
      speedMph = number(f, SPEED_COLUMN, "Avg Speed");
    } catch (IllegalArgumentException e) {
      return rejected(line, DeadLetterReason.MALFORMED, e.getMessage());
    }
    if (!(flow >= 0) || flow > Integer.MAX_VALUE) {
      return rejected(line, DeadLetterReason.INVALID, "field 'Total Flow': " + f[TOTAL_FLOW_COLUMN]
          + " is not a vehicle count");
    }
    if (occupancy != null && !(occupancy >= 0 && occupancy <= 1)) {
      return rejected(line, DeadLetterReason.INVALID, "field 'Avg Occupancy': " + f[OCCUPANCY_COLUMN]
          + " is outside 0..1");
    }
    if (speedMph != null && !(speedMph >= 0 && speedMph * KMH_PER_MPH <= MAX_SPEED_KMH)) {
      return rejected(line, DeadLetterReason.INVALID, "field 'Avg Speed': " + f[SPEED_COLUMN]
          + " mph is outside 0.." + Math.round(MAX_SPEED_KMH / KMH_PER_MPH));
    }
    if (time < latestTime) {
      return rejected(line, DeadLetterReason.OUT_OF_ORDER, "field 'Timestamp': " + f[TIMESTAMP_COLUMN]
          + " is before line " + latestLine + "'s; PeMS files are in time order, sort this one");
    }
    latestTime = time;
    latestLine = lines.lineNumber();
    clock.reached(time);
    // PeMS normalises flows by the good samples received, so a few files carry fractions of a vehicle
    int count = (int) Math.round(flow);
    Double speedKmh = speedMph == null ? null : speedMph * KMH_PER_MPH;
    return SourceRecord.of(new SensorReading(station, time, INTERVAL_SECONDS, count, speedKmh, occupancy));
  }

  private static String laneTypeReason(String laneType) {
    String name = LANE_TYPE_NAMES.getOrDefault(laneType, "unknown lane type");
    return name + " stations (lane type " + (laneType.isEmpty() ? "empty" : laneType) + "; --lane-types to include)";
  }

  /** The number in a field, null when the field is empty; an exception naming the field when it is no number. */
  private static Double number(String[] fields, int column, String name) {
    String text = fields[column].trim();
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Double.valueOf(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("field '" + name + "': '" + text + "' is not a number");
    }
  }

  private SourceRecord rejected(String line, DeadLetterReason code, String reason) {
    return new SourceRecord.Rejected(line, "line " + lines.lineNumber(), code, reason);
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
