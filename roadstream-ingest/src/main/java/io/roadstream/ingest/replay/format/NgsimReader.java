package io.roadstream.ingest.replay.format;

import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.geo.TransverseMercator;
import io.roadstream.core.network.LonLat;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.Segment;
import io.roadstream.core.network.SegmentMatcher;
import io.roadstream.ingest.connect.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads an NGSIM vehicle-trajectory file (the 25-column format, comma- or whitespace-separated; see
 * shared/data/ngsim/SOURCE.md) into {@link ProbePosition}s at a GPS-like rate: one report per vehicle per
 * {@link Options#reportInterval()}, because the probe logic (stopped vehicles: N reports at one place) counts reports,
 * and NGSIM has one every 0.1 s.
 *
 * <p>NGSIM rows are not in time order, so the reader reads the whole file on the first {@link #next()} and sorts the
 * positions by time in memory (NGSIM files are at most some hundred MB; a position is ~100 bytes).
 *
 * <p><b>Clock.</b> Frame_ID counts 0.1 s within one recording period. A file can hold several periods (the Peachtree
 * sample holds two, 12:45 and 16:00), told apart by Global_Time − 100 × Frame_ID, which is constant within a
 * period. Their difference gives the gap between periods: in the Peachtree sample it is 11 700, which is the 3 h 15 min
 * between the documented periods in seconds, while original I-80/US-101 files hold epoch milliseconds; a value below
 * 10¹¹ (before 1973 as milliseconds) is read as seconds. A position's time is then
 * {@code base + (period − first period) + Frame_ID × 100 ms}, with {@code base} = {@link Options#base()}, by default
 * the first period's value itself as an instant. For the Peachtree sample that default is 2006-11-08T20:43:20Z,
 * which is the data's own value but 3 h after the documented 12:45 EST: pass a base to pin the wall clock.
 * Vehicle ids restart in each period, so a vehicle is {@code ngsim-<Vehicle_ID>} in the first period and
 * {@code ngsim-<Vehicle_ID>-p<k>} in the k-th.
 *
 * <p><b>Place.</b> The segment is {@code <prefix>-<N|S|E|W>-<Section_ID>} (NGSIM Direction 2, 4, 1, 3) of the
 * network, e.g. {@code PT-N-1} in {@code ngsim-peachtree}; the offset is Global_X/Global_Y projected onto that
 * segment. Local_Y is not used: its origin differs by 17 ft between the two periods of the Peachtree sample, while
 * Global_X/Global_Y agree. Coordinates are Global_X/Global_Y converted from Georgia West State Plane (EPSG:2240 in
 * feet). Rows inside an intersection (Int_ID ≠ 0, Section_ID 0) are counted in {@link #skipped()}: no segment covers
 * the junction box, and placing them on the segment they leave would make them look stopped at its end.
 *
 * <p><b>Lanes.</b> NGSIM numbers lanes from the left (median) side, roadstream from the right: through lane
 * {@code i} of {@code n} becomes {@code n + 1 − i}; the left-turn bay (Lane_ID 11) becomes {@code n + 1}; other
 * codes (right-turn bays, 12+) have no roadstream number and give a null lane.
 */
public final class NgsimReader implements RecordReader {

  /**
   * @param network        the network whose segments the sections map to
   * @param segmentPrefix  the segment id prefix of the location ({@code PT} for Peachtree)
   * @param reportInterval one report per vehicle per this much time; at least one frame (100 ms)
   * @param base           the instant of the first period's Frame_ID 0; null for the file's own (see above)
   */
  public record Options(RoadNetwork network, String segmentPrefix, NgsimUnits units, Duration reportInterval,
      Instant base) {

    public Options {
      if (reportInterval.toMillis() < FRAME_MS) {
        throw new IllegalArgumentException("reportInterval: at least one NGSIM frame (100 ms), got " + reportInterval);
      }
    }

    /** The Peachtree Street data in feet on {@code network} (load {@code ngsim-peachtree}), a report a second. */
    public static Options peachtree(RoadNetwork network) {
      return new Options(network, "PT", NgsimUnits.FEET, Duration.ofSeconds(1), null);
    }

    public Options withUnits(NgsimUnits newUnits) {
      return new Options(network, segmentPrefix, newUnits, reportInterval, base);
    }

    public Options withReportInterval(Duration interval) {
      return new Options(network, segmentPrefix, units, interval, base);
    }

    public Options withBase(Instant newBase) {
      return new Options(network, segmentPrefix, units, reportInterval, newBase);
    }
  }

  static final long FRAME_MS = 100;
  /** A row further than this from its section's segment is on another road: the network does not fit the file. */
  static final double MAX_OFF_SEGMENT_M = 50;
  private static final int LEFT_TURN_BAY = 11;

  private final LineSource lines;
  private final long totalBytes;
  private final Options options;
  private final SkipTally skipped = new SkipTally();
  private Iterator<SourceRecord> sorted;

  public static NgsimReader open(Path file, Options options) throws IOException {
    return new NgsimReader(Files.newInputStream(file), Files.size(file), options);
  }

  /** @param totalBytes the stream's length, or -1 if unknown */
  public NgsimReader(InputStream in, long totalBytes, Options options) {
    this.lines = new LineSource(in);
    this.totalBytes = totalBytes;
    this.options = options;
  }

  @Override
  public SourceRecord next() throws IOException {
    if (sorted == null) {
      sorted = TimeOrder.sorted(readAll()).iterator();
    }
    return sorted.hasNext() ? sorted.next() : null;
  }

  private List<SourceRecord> readAll() throws IOException {
    List<SourceRecord> records = new ArrayList<>();
    Map<Long, Map<Integer, List<NgsimRow>>> byPeriod = new LinkedHashMap<>();
    String text;
    while ((text = lines.next()) != null) {
      if (text.isBlank() || (lines.lineNumber() == 1 && NgsimRow.isHeader(text))) {
        continue;
      }
      try {
        NgsimRow row = NgsimRow.parse(lines.lineNumber(), text);
        byPeriod.computeIfAbsent(row.period(), p -> new LinkedHashMap<>())
            .computeIfAbsent(row.vehicleId(), v -> new ArrayList<>()).add(row);
      } catch (NgsimRow.MalformedRowException e) {
        records.add(new SourceRecord.Rejected(text, "line " + lines.lineNumber(), DeadLetterReason.MALFORMED,
            e.getMessage()));
      } catch (IllegalArgumentException e) {
        records.add(new SourceRecord.Rejected(text, "line " + lines.lineNumber(), DeadLetterReason.INVALID,
            e.getMessage()));
      }
    }
    List<Long> periods = new ArrayList<>(new TreeSet<>(byPeriod.keySet()));
    for (int k = 0; k < periods.size(); k++) {
      long period = periods.get(k);
      long periodStart = periodStartMillis(periods.get(0), period);
      for (Map.Entry<Integer, List<NgsimRow>> vehicle : byPeriod.get(period).entrySet()) {
        String vehicleId = "ngsim-" + vehicle.getKey() + (k == 0 ? "" : "-p" + (k + 1));
        track(vehicleId, periodStart, vehicle.getValue(), records);
      }
    }
    return records;
  }

  /** The instant of Frame_ID 0 of {@code period}. */
  private long periodStartMillis(long firstPeriod, long period) {
    // Peachtree's Global_Time mixes a period start in seconds with 100 units per frame; see the class comment
    long unitMs = Math.abs(firstPeriod) < 100_000_000_000L ? 1000 : 1;
    long base = options.base() != null ? options.base().toEpochMilli() : firstPeriod * unitMs;
    return base + (period - firstPeriod) * unitMs;
  }

  /** One vehicle's rows of one period to its reports. */
  private void track(String vehicleId, long periodStart, List<NgsimRow> rows, List<SourceRecord> out) {
    rows.sort(Comparator.comparingLong(NgsimRow::frame));
    long intervalMs = options.reportInterval().toMillis();
    long lastReport = Long.MIN_VALUE;
    long lastFrame = Long.MIN_VALUE;
    for (NgsimRow row : rows) {
      if (row.frame() == lastFrame) {
        skipped.add("duplicate rows (same vehicle, period and Frame_ID)");
        continue;
      }
      lastFrame = row.frame();
      if (row.intersectionId() != 0 || row.sectionId() == 0) {
        skipped.add("rows inside an intersection (Int_ID ≠ 0: no segment covers the junction box)");
        continue;
      }
      Optional<Segment> segment = options.network().segment(segmentId(row));
      if (segment.isEmpty()) {
        skipped.add("rows on a section or direction without a segment in network '" + options.network().name()
            + "' (" + options.segmentPrefix() + "-<direction>-<Section_ID>)");
        continue;
      }
      long time = periodStart + row.frame() * FRAME_MS;
      if (lastReport != Long.MIN_VALUE && time - lastReport < intervalMs) {
        skipped.add("rows between reports (one report per vehicle every " + intervalMs + " ms)");
        continue;
      }
      SourceRecord record = position(vehicleId, time, row, segment.get());
      if (record instanceof SourceRecord.Position) {
        lastReport = time;
      }
      out.add(record);
    }
  }

  private SourceRecord position(String vehicleId, long time, NgsimRow row, Segment segment) {
    double grid = options.units().gridMetresPerUnit();
    LonLat place = TransverseMercator.GEORGIA_WEST.inverse(row.globalX() * grid, row.globalY() * grid);
    SegmentMatcher.Match projection = SegmentMatcher.project(segment, place);
    if (projection.distanceM() > MAX_OFF_SEGMENT_M) {
      return new SourceRecord.Rejected(row.text(), "line " + row.line(), DeadLetterReason.INVALID,
          "fields 'Global_X'/'Global_Y': " + Math.round(projection.distanceM()) + " m from segment " + segment.id()
              + " of Section_ID " + row.sectionId() + " (wrong network or units?)");
    }
    double speedKmh = row.velocity() * options.units().kmhPerSpeedUnit();
    return SourceRecord.of(new ProbePosition(vehicleId, time, place.lat(), place.lon(), segment.id(),
        projection.offsetM(), lane(row.laneId(), segment.lanes()), speedKmh, segment.headingAt(projection.offsetM())));
  }

  private String segmentId(NgsimRow row) {
    String direction = switch (row.direction()) {
      case 1 -> "E";
      case 2 -> "N";
      case 3 -> "W";
      case 4 -> "S";
      default -> "?";
    };
    return options.segmentPrefix() + "-" + direction + "-" + row.sectionId();
  }

  private static Integer lane(int ngsimLane, int lanes) {
    if (ngsimLane >= 1 && ngsimLane <= lanes) {
      return lanes + 1 - ngsimLane;
    }
    return ngsimLane == LEFT_TURN_BAY ? lanes + 1 : null;
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
