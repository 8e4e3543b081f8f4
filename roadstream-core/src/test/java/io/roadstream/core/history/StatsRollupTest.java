package io.roadstream.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.network.LonLat;
import io.roadstream.core.network.RoadClass;
import io.roadstream.core.network.Segment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsRollupTest {

  /** A quarter hour (and an hour) that starts on the hour. */
  private static final long EIGHT = Instant.parse("2024-05-06T08:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;

  /** 3 lanes, 1 km, free flow 110 km/h, capacity 2000 veh/h/ln: speed at capacity 55 km/h (Greenshields). */
  private static final Segment MOTORWAY = new Segment("M", "M", RoadClass.MOTORWAY, 3, 1000, 110, 2000,
      List.of(new LonLat(4, 52), new LonLat(4.0146, 52)), List.of(), List.of());

  private static SegmentStats window(int minute, Double speed, Double flow, Double density, Double occupancy,
      int detectorSamples, int probeSamples) {
    long start = EIGHT + minute * MINUTE;
    return new SegmentStats("M", start, start + MINUTE, speed, flow, density, occupancy, null, null, detectorSamples,
        probeSamples);
  }

  /** A detector window with flow and speed, density as the pipeline makes it (q / v / lanes). */
  private static SegmentStats counted(int minute, double flow, double speed) {
    return window(minute, speed, flow, flow / speed / 3, 0.1, 2, 0);
  }

  private static RolledUpStats quarter(List<SegmentStats> windows) {
    return StatsRollup.rollUp(HistoryResolution.FIFTEEN_MINUTES, "M", MOTORWAY, EIGHT,
        windows.stream().map(TrafficSums::of).toList());
  }

  @Test
  void flowAddsUpAndSpeedIsTheVehicleWeightedHarmonicMean() {
    // 50 vehicles at 100 km/h, then 20 at 60 km/h
    RolledUpStats r = quarter(List.of(counted(0, 3000, 100), counted(1, 1200, 60)));

    // 70 vehicles in 120 s of counts = 2100 veh/h; 70 / (50/100 + 20/60) h/km = 84 km/h (the mean of means is 80)
    assertThat(r.stats().flowVehPerHour()).isCloseTo(2100, within(1e-9));
    assertThat(r.sums().vehicles()).isCloseTo(70, within(1e-9));
    assertThat(r.stats().avgSpeedKmh()).isCloseTo(84, within(1e-9));
    // densities 10 and 6.667 for a minute each: 8.333, which is also 2100 / 84 / 3 (q = k·v holds)
    assertThat(r.stats().densityVehPerKmPerLane()).isCloseTo(25.0 / 3, within(1e-9))
        .isCloseTo(r.stats().flowVehPerHour() / r.stats().avgSpeedKmh() / 3, within(1e-9));
    assertThat(r.stats().travelTimeS()).isCloseTo(1000 / (84 / 3.6), within(1e-9));
    assertThat(r.stats().windowStart()).isEqualTo(EIGHT);
    assertThat(r.stats().windowEnd()).isEqualTo(EIGHT + 15 * MINUTE);
    assertThat(r.stats().detectorSamples()).isEqualTo(4);
    assertThat(r.sums().windows()).isEqualTo(2);
  }

  @Test
  void levelOfServiceComesFromThePeriodsDensityNotFromTheWindowsLetters() {
    List<SegmentStats> windows = new ArrayList<>();
    for (int m = 0; m < 10; m++) {
      windows.add(counted(m, 1500, 100)); // density 5: A
    }
    for (int m = 10; m < 15; m++) {
      windows.add(counted(m, 4500, 60)); // density 25 (40 pc/mi/ln): E
    }

    RolledUpStats r = quarter(windows);

    // 625 vehicles, 8.75 vehicle-hours per km: 71.43 km/h; 2500 veh/h; density 11.67 veh/km/ln = 18.8 pc/mi/ln: C
    // (the most frequent letter is A, the worst E, the mean of the letters B)
    assertThat(r.stats().avgSpeedKmh()).isCloseTo(625 / 8.75, within(1e-9));
    assertThat(r.stats().flowVehPerHour()).isCloseTo(2500, within(1e-9));
    assertThat(r.stats().densityVehPerKmPerLane()).isCloseTo(175.0 / 15, within(1e-9));
    assertThat(r.stats().los()).isEqualTo(LevelOfService.C);
  }

  @Test
  void aQueuedPeriodIsFEvenWhenItsDensityLooksLight() {
    // a slow crawl behind a bottleneck: few vehicles get through, all below the 55 km/h speed at capacity
    RolledUpStats r = quarter(List.of(counted(0, 600, 20), counted(1, 900, 30)));
    assertThat(r.stats().avgSpeedKmh()).isCloseTo(25 / (10 / 20.0 + 15 / 30.0), within(1e-9));
    assertThat(r.stats().los()).isEqualTo(LevelOfService.F);
  }

  @Test
  void occupancyAndDensityAreTimeWeighted() {
    SegmentStats minute = window(0, 100.0, 3000.0, 10.0, 0.1, 2, 0);
    SegmentStats halfMinute = new SegmentStats("M", EIGHT + MINUTE, EIGHT + MINUTE + 30_000, 100.0, 3000.0, 40.0,
        0.4, null, null, 2, 0);

    RolledUpStats r = quarter(List.of(minute, halfMinute));

    // (0.1 × 60 + 0.4 × 30) / 90 = 0.2 (the mean of the two is 0.25); density (10 × 60 + 40 × 30) / 90 = 20
    assertThat(r.stats().occupancy()).isCloseTo(0.2, within(1e-12));
    assertThat(r.stats().densityVehPerKmPerLane()).isCloseTo(20, within(1e-9));
  }

  @Test
  void emptyWindowsCountAsZeroFlowAndDensityButHaveNoSpeed() {
    List<SegmentStats> windows = new ArrayList<>();
    for (int m = 0; m < 15; m++) {
      windows.add(window(m, null, 0.0, 0.0, 0.0, 2, 0));
    }

    RolledUpStats empty = quarter(windows);

    assertThat(empty.stats().flowVehPerHour()).isZero();
    assertThat(empty.stats().densityVehPerKmPerLane()).isZero();
    assertThat(empty.stats().avgSpeedKmh()).isNull();
    assertThat(empty.stats().los()).isEqualTo(LevelOfService.A);
    assertThat(empty.stats().travelTimeS()).isCloseTo(1000 / (110 / 3.6), within(1e-9));

    // one minute with 30 vehicles at 90 km/h among fourteen empty ones
    windows.set(7, counted(7, 1800, 90));
    RolledUpStats one = quarter(windows);
    assertThat(one.stats().flowVehPerHour()).isCloseTo(30 * 3600.0 / 900, within(1e-9));
    assertThat(one.stats().avgSpeedKmh()).isCloseTo(90, within(1e-9));
    assertThat(one.stats().densityVehPerKmPerLane()).isCloseTo(1800 / 90.0 / 3 / 15, within(1e-9));
  }

  @Test
  void speedOnlyDetectorsWithoutCountsGiveTheHarmonicMeanOfTheirReadingsAndNoFlow() {
    RolledUpStats r = quarter(List.of(window(0, 40.0, null, null, null, 2, 0), window(1, 80.0, null, null, null, 2, 0)));

    // 4 readings / (2/40 + 2/80) = 53.33 km/h; no flow, no density; a motorway without density goes by speed ratio:
    // 53.33 / 110 = 48 % → D
    assertThat(r.stats().avgSpeedKmh()).isCloseTo(4 / (2 / 40.0 + 2 / 80.0), within(1e-9));
    assertThat(r.stats().flowVehPerHour()).isNull();
    assertThat(r.stats().densityVehPerKmPerLane()).isNull();
    assertThat(r.stats().occupancy()).isNull();
    assertThat(r.stats().los()).isEqualTo(LevelOfService.D);
    assertThat(r.sums().vehicles()).isZero();
  }

  @Test
  void probeOnlyWindowsAreWeightedByTheirReports() {
    RolledUpStats r = quarter(List.of(window(0, 30.0, null, null, null, 0, 10), window(1, 60.0, null, null, null, 0, 30)));
    // (10 × 30 + 30 × 60) / 40 = 52.5
    assertThat(r.stats().avgSpeedKmh()).isCloseTo(52.5, within(1e-9));
    assertThat(r.stats().probeSamples()).isEqualTo(40);
  }

  @Test
  void windowsWithCountedVehiclesDecideTheSpeedOverThoseWithout() {
    // a detector outage in the second minute: probes alone, on another scale; the counted minute decides
    RolledUpStats r = quarter(List.of(counted(0, 1200, 90), window(1, 30.0, null, null, null, 0, 12)));
    assertThat(r.stats().avgSpeedKmh()).isCloseTo(90, within(1e-9));
    assertThat(r.stats().flowVehPerHour()).isCloseTo(1200, within(1e-9));
  }

  @Test
  void aRevisedWindowChangesItsPeriodToWhatTheRevisedWindowsGive() {
    List<SegmentStats> windows = new ArrayList<>(List.of(counted(0, 3000, 100), counted(1, 1200, 60)));
    RolledUpStats before = quarter(windows);
    // a late event revised minute 1: 2400 veh/h at 40 km/h
    windows.set(1, counted(1, 2400, 40));

    RolledUpStats after = quarter(windows);

    // 50 + 40 vehicles; 90 / (50/100 + 40/40) = 60 km/h; (3000 + 2400) / 2 = 2700 veh/h
    assertThat(after.stats().avgSpeedKmh()).isCloseTo(60, within(1e-9));
    assertThat(after.stats().flowVehPerHour()).isCloseTo(2700, within(1e-9));
    assertThat(after.sums().windows()).isEqualTo(2);
    assertThat(before.stats().avgSpeedKmh()).isCloseTo(84, within(1e-9));
  }

  @Test
  void anHourFromItsQuartersIsTheHourFromItsWindows() {
    List<SegmentStats> windows = new ArrayList<>();
    for (int m = 0; m < 60; m++) {
      if (m % 7 == 3) {
        windows.add(window(m, 50.0 + m, null, null, null, 0, 5 + m % 4)); // detector outage: probes only
      } else if (m % 11 == 0) {
        windows.add(window(m, null, 0.0, 0.0, 0.0, 2, 0)); // nobody passed
      } else {
        windows.add(window(m, 40.0 + m, 600.0 + 40 * m, (600.0 + 40 * m) / (40 + m) / 3, 0.05 + m / 1000.0, 2, 3));
      }
    }
    List<TrafficSums> quarters = new ArrayList<>();
    for (int q = 0; q < 4; q++) {
      quarters.add(StatsRollup.rollUp(HistoryResolution.FIFTEEN_MINUTES, "M", MOTORWAY, EIGHT + q * 15 * MINUTE,
          windows.subList(q * 15, q * 15 + 15).stream().map(TrafficSums::of).toList()).sums());
    }

    RolledUpStats fromQuarters = StatsRollup.rollUp(HistoryResolution.HOUR, "M", MOTORWAY, EIGHT, quarters);
    RolledUpStats fromWindows = StatsRollup.rollUp(HistoryResolution.HOUR, "M", MOTORWAY, EIGHT,
        windows.stream().map(TrafficSums::of).toList());

    SegmentStats a = fromQuarters.stats();
    SegmentStats b = fromWindows.stats();
    assertThat(a.avgSpeedKmh()).isCloseTo(b.avgSpeedKmh(), within(1e-9));
    assertThat(a.flowVehPerHour()).isCloseTo(b.flowVehPerHour(), within(1e-9));
    assertThat(a.densityVehPerKmPerLane()).isCloseTo(b.densityVehPerKmPerLane(), within(1e-9));
    assertThat(a.occupancy()).isCloseTo(b.occupancy(), within(1e-12));
    assertThat(a.los()).isEqualTo(b.los());
    assertThat(a.windowEnd()).isEqualTo(EIGHT + 60 * MINUTE);
    assertThat(fromQuarters.sums().windows()).isEqualTo(60);
    assertThat(a.detectorSamples()).isEqualTo(b.detectorSamples());
  }

  @Test
  void aSegmentTheNetworkNoLongerHasKeepsItsSumsButNoLevelOfService() {
    RolledUpStats r = StatsRollup.rollUp(HistoryResolution.FIFTEEN_MINUTES, "gone", null, EIGHT,
        List.of(TrafficSums.of(counted(0, 3000, 100))));
    assertThat(r.stats().avgSpeedKmh()).isCloseTo(100, within(1e-9));
    assertThat(r.stats().los()).isNull();
    assertThat(r.stats().travelTimeS()).isNull();
  }

  @Test
  void nothingToRollUpGivesAnEmptyPeriod() {
    RolledUpStats r = StatsRollup.rollUp(HistoryResolution.HOUR, "M", MOTORWAY, EIGHT, List.of());
    assertThat(r.sums().windows()).isZero();
    assertThat(r.stats().avgSpeedKmh()).isNull();
    assertThat(r.stats().flowVehPerHour()).isNull();
    assertThat(r.stats().los()).isNull();
  }

  @Test
  void refusesPeriodsThatDoNotStartOnTheirBoundary() {
    assertThatThrownBy(() -> StatsRollup.rollUp(HistoryResolution.HOUR, "M", MOTORWAY, EIGHT + 15 * MINUTE,
        List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1h");
    assertThat(HistoryResolution.FIFTEEN_MINUTES.periodStart(EIGHT + 29 * MINUTE)).isEqualTo(EIGHT + 15 * MINUTE);
    assertThat(HistoryResolution.HOUR.periodStart(EIGHT - 1)).isEqualTo(EIGHT - 60 * MINUTE);
  }

  @Test
  void unusableValuesAreUnknownNotZero() {
    TrafficSums sums = TrafficSums.of(window(0, Double.NaN, Double.POSITIVE_INFINITY, -1.0, null, 2, 0));
    assertThat(sums.speedKmh()).isNull();
    assertThat(sums.flowVehPerHour()).isNull();
    assertThat(sums.densityVehPerKmPerLane()).isNull();
    assertThat(sums.windows()).isEqualTo(1);
  }
}
