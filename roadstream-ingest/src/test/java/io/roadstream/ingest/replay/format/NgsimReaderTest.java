package io.roadstream.ingest.replay.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.incident.ProbeStopPlace;
import io.roadstream.core.incident.StopState;
import io.roadstream.core.incident.StopTransition;
import io.roadstream.core.incident.StoppedVehicleDetector;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import io.roadstream.ingest.connect.SourceRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NgsimReaderTest {

  private static final String FILE = "ngsim/NGSIM_peachtree_sample.csv";
  private static final double KMH_PER_FT_S = 1.09728;
  private static final double US_FT_M = 1200.0 / 3937.0;
  /** A waiting car takes its length plus a standstill gap: NGSIM Peachtree cars are ~16 ft long, gaps ~8 ft. */
  private static final double QUEUE_SPACING_M = 8;

  private static final RoadNetwork PEACHTREE = new RoadNetworkLoader().load("ngsim-peachtree");
  private static Map<String, List<Raw>> rawByVehicle;
  private static List<ProbePosition> positions;
  private static Map<String, Long> skipped;

  /** The raw CSV columns the test checks against, parsed here independently of the reader. */
  record Raw(String vehicleId, long frame, double velFtS, double globalX, double globalY, int lane, long period) {}

  @BeforeAll
  static void readBothWays() throws IOException {
    List<String> lines = SharedData.lines(FILE);
    List<String> header = List.of(lines.get(0).split(","));
    int vid = header.indexOf("Vehicle_ID");
    int frame = header.indexOf("Frame_ID");
    int globalTime = header.indexOf("Global_Time");
    int vel = header.indexOf("v_Vel");
    int gx = header.indexOf("Global_X");
    int gy = header.indexOf("Global_Y");
    int lane = header.indexOf("Lane_ID");
    List<String[]> rows = lines.stream().skip(1).map(l -> l.split(",")).toList();
    TreeSet<Long> periods = rows.stream()
        .map(f -> Long.parseLong(f[globalTime]) - 100 * Long.parseLong(f[frame]))
        .collect(Collectors.toCollection(TreeSet::new));
    List<Long> periodOrder = new ArrayList<>(periods);
    rawByVehicle = new HashMap<>();
    for (String[] f : rows) {
      long period = Long.parseLong(f[globalTime]) - 100 * Long.parseLong(f[frame]);
      int k = periodOrder.indexOf(period);
      // the reader's documented naming: vehicle ids restart in each recording period
      String id = "ngsim-" + f[vid] + (k == 0 ? "" : "-p" + (k + 1));
      rawByVehicle.computeIfAbsent(id, x -> new ArrayList<>()).add(new Raw(id, Long.parseLong(f[frame]),
          Double.parseDouble(f[vel]), Double.parseDouble(f[gx]), Double.parseDouble(f[gy]),
          (int) Double.parseDouble(f[lane]), period));
    }
    rawByVehicle.values().forEach(list -> list.sort(Comparator.comparingLong(Raw::frame)));

    NgsimReader reader = NgsimReader.open(SharedData.file(FILE), NgsimReader.Options.peachtree(PEACHTREE));
    List<SourceRecord> records = SharedData.readAll(reader);
    assertThat(records).allMatch(r -> r instanceof SourceRecord.Position);
    positions = records.stream().map(r -> ((SourceRecord.Position) r).position()).toList();
    skipped = reader.skipped();
  }

  /**
   * Vehicles whose raw rows show them standing for at least {@code frames} frames: successive rows (the sample
   * leaves out some frames) at most {@code maxVelFtS} fast that stay within a metre of where the run began.
   */
  private static Set<String> standingInRawData(double maxVelFtS, int frames) {
    Set<String> standing = new TreeSet<>();
    rawByVehicle.forEach((id, rows) -> {
      Raw start = null;
      for (Raw r : rows) {
        boolean still = r.velFtS() <= maxVelFtS;
        if (!still || (start != null
            && Math.hypot(r.globalX() - start.globalX(), r.globalY() - start.globalY()) * US_FT_M > 1)) {
          start = still ? r : null;
          continue;
        }
        if (start == null) {
          start = r;
        }
        if (r.frame() - start.frame() >= frames) {
          standing.add(id);
        }
      }
    });
    return standing;
  }

  @Test
  void positionsComeInTimeOrderAtOnePerVehiclePerSecond() {
    assertThat(positions).extracting(ProbePosition::time).isSorted();
    Map<String, List<ProbePosition>> byVehicle = positions.stream()
        .collect(Collectors.groupingBy(ProbePosition::vehicleId, LinkedHashMap::new, Collectors.toList()));
    assertThat(byVehicle.keySet()).isEqualTo(rawByVehicle.keySet());
    byVehicle.values().forEach(list -> {
      for (int i = 1; i < list.size(); i++) {
        assertThat(list.get(i).time() - list.get(i - 1).time()).isGreaterThanOrEqualTo(1000);
      }
    });
    long rows = rawByVehicle.values().stream().mapToLong(List::size).sum();
    long skippedRows = skipped.values().stream().mapToLong(Long::longValue).sum();
    assertThat(positions.size() + skippedRows).isEqualTo(rows);
  }

  @Test
  void speedsAreKmhAndOffsetsMetresOfTheRawRows() {
    long firstPeriod = rawByVehicle.values().stream().flatMap(List::stream).mapToLong(Raw::period).min()
        .orElseThrow();
    Map<String, ProbePosition> firstReport = new HashMap<>();
    positions.forEach(p -> firstReport.putIfAbsent(p.vehicleId(), p));
    for (ProbePosition p : positions) {
      List<Raw> rows = rawByVehicle.get(p.vehicleId());
      // the reader's documented clock: the first period's value in seconds, then 100 ms per frame
      long periodStart = firstPeriod * 1000 + (rows.get(0).period() - firstPeriod) * 1000;
      Map<Long, Raw> byFrame = rows.stream().collect(Collectors.toMap(Raw::frame, r -> r, (a, b) -> a));
      Raw raw = byFrame.get((p.time() - periodStart) / 100);
      assertThat(p.speedKmh()).isCloseTo(raw.velFtS() * KMH_PER_FT_S, within(1e-9));
      ProbePosition first = firstReport.get(p.vehicleId());
      Raw origin = byFrame.get((first.time() - periodStart) / 100);
      if (p.segmentId().equals(first.segmentId())) {
        // along a straight street, the offset moves by the distance driven (State Plane feet, converted)
        double driven = Math.hypot(raw.globalX() - origin.globalX(), raw.globalY() - origin.globalY()) * US_FT_M;
        assertThat(Math.abs(p.offsetM() - first.offsetM())).isCloseTo(driven, within(1.0));
      }
      assertThat(p.offsetM()).isBetween(0.0, PEACHTREE.requireSegment(p.segmentId()).lengthM());
      assertThat(p.lat()).isBetween(33.77, 33.79);
      assertThat(p.lon()).isBetween(-84.39, -84.38);
    }
  }

  @Test
  void vehiclesStandingFourSecondsAreFoundStoppedInTheQueueOfTheSignal() {
    StoppedVehicleDetector<ProbeStopPlace> detector =
        new StoppedVehicleDetector<>(StoppedVehicleDetector.LINEAR_ROAD_REPORTS_TO_STOP);
    Map<String, StopState<ProbeStopPlace>> states = new HashMap<>();
    Map<String, ProbeStopPlace> stopped = new LinkedHashMap<>();
    for (ProbePosition p : positions) {
      StopTransition<ProbeStopPlace> t = detector.next(states.get(p.vehicleId()), ProbeStopPlace.of(p));
      states.put(p.vehicleId(), t.state());
      if (t.becameStopped()) {
        stopped.putIfAbsent(p.vehicleId(), t.stoppedAt());
      }
    }

    Set<String> standingFourSeconds = standingInRawData(0, 40);
    // at most walking pace (1 km/h) for the 3 s that four reports a second apart span
    Set<String> plausible = standingInRawData(1 / KMH_PER_FT_S, 30);
    assertThat(standingFourSeconds).isNotEmpty();
    assertThat(stopped.keySet()).containsAll(standingFourSeconds);
    assertThat(plausible).containsAll(stopped.keySet());

    // the longest queue in the sample, in cars standing at one time in one lane of one period
    Map<String, Long> standingAtOnce = rawByVehicle.values().stream().flatMap(List::stream)
        .filter(r -> r.velFtS() == 0)
        .collect(Collectors.groupingBy(r -> r.period() + "/" + r.frame() + "/" + r.lane(), Collectors.counting()));
    long longestQueue = standingAtOnce.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    stopped.values().forEach(place -> {
      // northbound sections 1-5 end at the stop line of 10th-14th St (networks/README.md)
      assertThat(place.segmentId()).isIn("PT-N-1", "PT-N-2", "PT-N-3", "PT-N-4", "PT-N-5");
      double toStopLine = PEACHTREE.requireSegment(place.segmentId()).lengthM() - place.offsetM();
      assertThat(toStopLine).as("%s from the stop line", place).isLessThanOrEqualTo(
          longestQueue * QUEUE_SPACING_M + ProbeStopPlace.BUCKET_M / 2);
    });
  }

  @Test
  void metricFilesGiveTheSamePositions() throws IOException {
    List<String> lines = SharedData.lines(FILE);
    List<String> header = List.of(lines.get(0).split(","));
    int gx = header.indexOf("Global_X");
    int gy = header.indexOf("Global_Y");
    int vel = header.indexOf("v_Vel");
    StringBuilder metric = new StringBuilder(lines.get(0)).append('\n');
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      f[gx] = String.valueOf(Double.parseDouble(f[gx]) * US_FT_M);
      f[gy] = String.valueOf(Double.parseDouble(f[gy]) * US_FT_M);
      f[vel] = String.valueOf(Double.parseDouble(f[vel]) * 0.3048);
      metric.append(String.join(",", f)).append('\n');
    }
    byte[] bytes = metric.toString().getBytes(StandardCharsets.UTF_8);

    List<SourceRecord> records = SharedData.readAll(new NgsimReader(new ByteArrayInputStream(bytes), bytes.length,
        NgsimReader.Options.peachtree(PEACHTREE).withUnits(NgsimUnits.METRIC)));

    assertThat(records).hasSameSizeAs(positions);
    for (int i = 0; i < positions.size(); i++) {
      ProbePosition expected = positions.get(i);
      ProbePosition actual = ((SourceRecord.Position) records.get(i)).position();
      assertThat(actual.vehicleId()).isEqualTo(expected.vehicleId());
      assertThat(actual.time()).isEqualTo(expected.time());
      assertThat(actual.speedKmh()).isCloseTo(expected.speedKmh(), within(1e-9));
      assertThat(actual.offsetM()).isCloseTo(expected.offsetM(), within(1e-6));
      assertThat(actual.lat()).isCloseTo(expected.lat(), within(1e-10));
    }
  }
}
