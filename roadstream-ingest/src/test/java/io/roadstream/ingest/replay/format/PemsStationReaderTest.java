package io.roadstream.ingest.replay.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.roadstream.core.event.DeadLetterReason;
import io.roadstream.core.event.SensorReading;
import io.roadstream.ingest.connect.SourceRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PemsStationReaderTest {

  private static final String NOV_22 = "pems/d04_text_station_5min_2022_11_22.csv";
  private static final String OCT_04 = "pems/d04_text_station_5min_2022_10_04.csv";
  private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

  private static List<SourceRecord> read(String csv, PemsStationReader.Options options) throws IOException {
    byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
    return SharedData.readAll(new PemsStationReader(new ByteArrayInputStream(bytes), bytes.length, options));
  }

  private static List<SensorReading> readings(List<SourceRecord> records) {
    return SharedData.only(records, SourceRecord.Reading.class).stream().map(SourceRecord.Reading::reading).toList();
  }

  /** A mainline row of the real file, to build test files from. */
  private static String mainlineRow() throws IOException {
    return SharedData.lines(NOV_22).stream().filter(l -> l.split(",", -1)[5].equals("ML")).findFirst().orElseThrow();
  }

  private static String withTimestamp(String row, String timestamp) {
    return timestamp + row.substring(row.indexOf(','));
  }

  @Test
  void everyRowBecomesAReadingOrIsCountedAsSkipped() throws IOException {
    List<String> lines = SharedData.lines(NOV_22);
    long rows = lines.size() - 1;
    long mainline = lines.stream().skip(1).filter(l -> l.split(",", -1)[5].equals("ML")).count();

    PemsStationReader reader = PemsStationReader.open(SharedData.file(NOV_22), PemsStationReader.Options.DEFAULT);
    List<SourceRecord> records = SharedData.readAll(reader);

    assertThat(records).allMatch(r -> r instanceof SourceRecord.Reading);
    long skipped = reader.skipped().values().stream().mapToLong(Long::longValue).sum();
    assertThat(records.size() + skipped).isEqualTo(rows);
    assertThat(records).hasSize((int) mainline);
    assertThat(reader.skipped()).containsKeys("on-ramp stations (lane type OR; --lane-types to include)",
        "off-ramp stations (lane type FR; --lane-types to include)");
    assertThat(reader.bytesRead()).isEqualTo(reader.totalBytes());
    assertThat(records).extracting(SourceRecord::time).isSorted();
  }

  @Test
  void convertsARowToSiUnitsAndUtc() throws IOException {
    String row = mainlineRow();
    String[] f = row.split(",", -1);
    long expectedTime = LocalDateTime.parse(f[0], DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss"))
        .atZone(PACIFIC).toInstant().toEpochMilli();

    SensorReading reading = readings(read(row + "\n", PemsStationReader.Options.DEFAULT)).get(0);

    assertThat(reading.sensorId()).isEqualTo(f[1]);
    assertThat(reading.time()).isEqualTo(expectedTime);
    assertThat(reading.intervalSeconds()).isEqualTo(300);
    assertThat(reading.vehicleCount()).isEqualTo(Integer.parseInt(f[9]));
    assertThat(reading.occupancy()).isEqualTo(Double.parseDouble(f[10]));
    assertThat(reading.avgSpeedKmh()).isCloseTo(Double.parseDouble(f[11]) * 1.609344, within(1e-9));
  }

  @Test
  void followsDaylightSavingTimeWhenTheClocksGoBack() throws IOException {
    String row = mainlineRow();
    // 2022-11-06: at 02:00 PDT the clocks went back to 01:00 PST, so 01:00-01:55 occur twice
    String csv = String.join("\n", withTimestamp(row, "11/06/2022 00:55:00"), withTimestamp(row, "11/06/2022 01:00:00"),
        withTimestamp(row, "11/06/2022 01:55:00"), withTimestamp(row, "11/06/2022 01:00:00"),
        withTimestamp(row, "11/06/2022 01:55:00"), withTimestamp(row, "11/06/2022 02:00:00")) + "\n";

    List<Long> times = readings(read(csv, PemsStationReader.Options.DEFAULT)).stream().map(SensorReading::time)
        .toList();

    assertThat(times).hasSize(6);
    for (int i = 1; i < times.size(); i++) {
      // five minutes apart in event time, whatever the wall clock says, except the jump back's own 5 min
      assertThat(times.get(i) - times.get(i - 1)).as("step %d", i).isPositive();
    }
    assertThat(times.get(3) - times.get(1)).as("the second 01:00 is an hour after the first").isEqualTo(3_600_000);
    assertThat(times.get(5) - times.get(0)).as("00:55 PDT to 02:00 PST").isEqualTo(2 * 3_600_000 + 5 * 60_000);
  }

  @Test
  void rejectsAWallClockTimeSkippedWhenTheClocksGoForward() throws IOException {
    String row = mainlineRow();
    String csv = withTimestamp(row, "03/13/2022 02:30:00") + "\n" + withTimestamp(row, "03/13/2022 03:00:00") + "\n";

    List<SourceRecord> records = read(csv, PemsStationReader.Options.DEFAULT);

    assertThat(records.get(0)).isInstanceOfSatisfying(SourceRecord.Rejected.class, r -> {
      assertThat(r.code()).isEqualTo(DeadLetterReason.INVALID);
      assertThat(r.reason()).contains("'Timestamp'").contains("does not exist");
    });
    assertThat(records.get(1)).isInstanceOf(SourceRecord.Reading.class);
  }

  @Test
  void readsTheTimestampsInTheConfiguredZone() throws IOException {
    String row = withTimestamp(mainlineRow(), "07/01/2022 12:00:00") + "\n";

    long pacific = readings(read(row, PemsStationReader.Options.DEFAULT)).get(0).time();
    long utc = readings(read(row, new PemsStationReader.Options(ZoneId.of("UTC"), Set.of("ML")))).get(0).time();

    assertThat(pacific - utc).as("PDT is UTC-7").isEqualTo(7 * 3_600_000);
  }

  @Test
  void rejectsBrokenRowsNamingTheFieldAndGoesOn() throws IOException {
    List<String> lines = SharedData.lines(NOV_22).stream().filter(l -> l.contains(",ML,")).limit(3).toList();
    String[] f = lines.get(1).split(",", -1);
    f[9] = "12x";
    String unparseable = String.join(",", f);
    f[9] = "";
    String empty = String.join(",", f);
    String csv = String.join("\n", lines.get(0), unparseable, "10/04/2022 00:00:00,401833", empty, lines.get(2)) + "\n";

    List<SourceRecord> records = read(csv, PemsStationReader.Options.DEFAULT);

    assertThat(records).hasSize(5);
    assertThat(records.get(0)).isInstanceOf(SourceRecord.Reading.class);
    assertThat(records.get(1)).isInstanceOfSatisfying(SourceRecord.Rejected.class, r -> {
      assertThat(r.code()).isEqualTo(DeadLetterReason.MALFORMED);
      assertThat(r.location()).isEqualTo("line 2");
      assertThat(r.reason()).contains("'Total Flow'");
    });
    assertThat(records.get(2)).isInstanceOfSatisfying(SourceRecord.Rejected.class,
        r -> assertThat(r.code()).isEqualTo(DeadLetterReason.MALFORMED));
    assertThat(records.get(3)).isInstanceOfSatisfying(SourceRecord.Rejected.class, r -> {
      assertThat(r.code()).isEqualTo(DeadLetterReason.INVALID);
      assertThat(r.location()).isEqualTo("line 4");
      assertThat(r.reason()).contains("'Total Flow'").contains("empty");
    });
    assertThat(records.get(4)).isInstanceOf(SourceRecord.Reading.class);
  }

  @Test
  void rampsWithoutCountsAreRejectedWhenTheirLaneTypeIsIncluded() throws IOException {
    List<String> lines = SharedData.lines(OCT_04);
    long rampRowsWithoutFlow = lines.stream().skip(1).map(l -> l.split(",", -1))
        .filter(f -> f[5].equals("OR") && f[9].isEmpty()).count();

    PemsStationReader reader = PemsStationReader.open(SharedData.file(OCT_04),
        new PemsStationReader.Options(PACIFIC, Set.of("ML", "OR")));
    List<SourceRecord> records = SharedData.readAll(reader);

    assertThat(rampRowsWithoutFlow).isPositive();
    assertThat(SharedData.only(records, SourceRecord.Rejected.class)).hasSize((int) rampRowsWithoutFlow)
        .allSatisfy(r -> assertThat(r.code()).isEqualTo(DeadLetterReason.INVALID));
    assertThat(reader.skipped()).containsOnlyKeys("off-ramp stations (lane type FR; --lane-types to include)");
  }
}
