package io.roadstream.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.roadstream.core.event.LevelOfService;
import io.roadstream.core.event.ProbePosition;
import io.roadstream.core.event.SegmentStats;
import io.roadstream.core.event.SensorReading;
import io.roadstream.core.network.LonLat;
import io.roadstream.core.network.RoadClass;
import io.roadstream.core.network.Segment;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentStatsCalculatorTest {

  private static final long T0 = Instant.parse("2026-11-27T07:30:00Z").toEpochMilli();
  private static final long T1 = T0 + 60_000;

  private static final Segment MOTORWAY = segment(RoadClass.MOTORWAY, 3, 110);
  private static final Segment STREET = segment(RoadClass.ARTERIAL, 2, 50);

  private static Segment segment(RoadClass roadClass, int lanes, double freeFlow) {
    return new Segment("S", "S", roadClass, lanes, 1000, freeFlow, 2000,
        List.of(new LonLat(4, 52), new LonLat(4.0146, 52)), List.of(), List.of());
  }

  private static SensorReading reading(long time, int count, Double speed, Double occupancy) {
    return new SensorReading("D", time, 30, count, speed, occupancy);
  }

  private static ProbePosition probe(double speed) {
    return new ProbePosition("v", T0, null, null, "S", 10.0, null, speed, null);
  }

  @Test
  void detectorsGiveFlowHarmonicSpeedDensityAndOccupancy() {
    SegmentObservations o = new SegmentObservations()
        .add(reading(T0, 30, 100.0, 0.10))
        .add(reading(T0 + 30_000, 20, 50.0, 0.20));

    SegmentStats s = SegmentStatsCalculator.compute(MOTORWAY, T0, T1, o);

    // 50 vehicles in 60 s = 3000 veh/h; space-mean speed = 50 / (30/100 + 20/50) = 71.43 km/h
    assertThat(s.flowVehPerHour()).isCloseTo(3000, within(1e-9));
    assertThat(s.avgSpeedKmh()).isCloseTo(50 / 0.7, within(1e-9));
    assertThat(s.densityVehPerKmPerLane()).isCloseTo(3000 / (50 / 0.7) / 3, within(1e-9));
    assertThat(s.occupancy()).isCloseTo(0.15, within(1e-12));
    assertThat(s.travelTimeS()).isCloseTo(1000 / (50 / 0.7 / 3.6), within(1e-9));
    // 14.0 veh/km/ln = 22.5 pc/mi/ln → C
    assertThat(s.los()).isEqualTo(LevelOfService.C);
    assertThat(s.detectorSamples()).isEqualTo(2);
    assertThat(s.probeSamples()).isZero();
    assertThat(s.windowStart()).isEqualTo(T0);
    assertThat(s.windowEnd()).isEqualTo(T1);
  }

  @Test
  void detectorsAreAveragedAcrossStationsNotSummed() {
    SegmentObservations o = new SegmentObservations().add(reading(T0, 20, 90.0, null)).add(reading(T0, 40, 90.0, null));

    assertThat(SegmentStatsCalculator.compute(MOTORWAY, T0, T1, o).flowVehPerHour()).isCloseTo(3600, within(1e-9));
  }

  @Test
  void speedOnlySourcesGiveTheSpeedButNoFlowAndNeverOutvoteCountedVehicles() {
    SensorReading api1 = new SensorReading("api-1", T0, 60, null, 40.0, null);
    SensorReading api2 = new SensorReading("api-2", T0, 60, null, 60.0, null);

    SegmentStats apisOnly = SegmentStatsCalculator.compute(MOTORWAY, T0, T1, new SegmentObservations().add(api1).add(api2));
    // harmonic mean of 40 and 60 = 48; no count, so no flow and no density: LOS by speed ratio, 48/110 → D
    assertThat(apisOnly.avgSpeedKmh()).isCloseTo(48, within(1e-9));
    assertThat(apisOnly.flowVehPerHour()).isNull();
    assertThat(apisOnly.densityVehPerKmPerLane()).isNull();
    assertThat(apisOnly.los()).isEqualTo(LevelOfService.D);

    SegmentStats withDetector = SegmentStatsCalculator.compute(MOTORWAY, T0, T1,
        new SegmentObservations().add(api1).add(reading(T0, 30, 100.0, 0.1)).add(reading(T0 + 30_000, 30, 100.0, 0.1)));
    assertThat(withDetector.avgSpeedKmh()).isCloseTo(100, within(1e-9));
    assertThat(withDetector.flowVehPerHour()).isCloseTo(3600, within(1e-9));
  }

  @Test
  void probesOnlyGiveSpeedAndLosFromTheSpeedRatio() {
    SegmentObservations o = new SegmentObservations().add(probe(20)).add(probe(30));

    SegmentStats s = SegmentStatsCalculator.compute(STREET, T0, T1, o);

    assertThat(s.avgSpeedKmh()).isCloseTo(25, within(1e-9)); // reports at fixed times: their mean is space-mean
    assertThat(s.flowVehPerHour()).isNull();
    assertThat(s.densityVehPerKmPerLane()).isNull();
    assertThat(s.occupancy()).isNull();
    assertThat(s.los()).isEqualTo(LevelOfService.D); // 25/50 = 0.5
    assertThat(s.probeSamples()).isEqualTo(2);
  }

  @Test
  void aMotorwaySeenOnlyByProbesFallsBackToTheSpeedRatio() {
    SegmentStats s = SegmentStatsCalculator.compute(MOTORWAY, T0, T1, new SegmentObservations().add(probe(30)));

    assertThat(s.los()).isEqualTo(LevelOfService.F); // 30/110 = 0.27
  }

  @Test
  void aFewProbesDoNotOutweighTheDetectors() {
    SegmentObservations o = new SegmentObservations().add(reading(T0, 10, 100.0, 0.05));
    for (int i = 0; i < SegmentStatsCalculator.MIN_PROBE_REPORTS - 1; i++) {
      o.add(probe(10));
    }

    assertThat(SegmentStatsCalculator.compute(MOTORWAY, T0, T1, o).avgSpeedKmh()).isCloseTo(100, within(1e-9));
  }

  @Test
  void enoughProbesGiveTheSpeedOfTheWholeSegmentWhereTheDetectorSeesOnePoint() {
    // the detector is still upstream of a queue that the probes behind it report
    SegmentObservations o = new SegmentObservations()
        .add(reading(T0, 45, 95.0, 0.06)).add(reading(T0 + 30_000, 45, 95.0, 0.06));
    for (int i = 0; i < 5; i++) {
      o.add(probe(95)).add(probe(5));
    }

    SegmentStats s = SegmentStatsCalculator.compute(MOTORWAY, T0, T1, o);

    assertThat(s.avgSpeedKmh()).isCloseTo(50, within(1e-9)); // the harmonic mean would make it 9.5
    assertThat(s.densityVehPerKmPerLane()).isCloseTo(5400 / 50.0 / 3, within(1e-9));
    assertThat(s.travelTimeS()).isCloseTo(1000 / (50 / 3.6), within(1e-9));
    // 36 veh/km/ln would be F by density alone; below the speed at capacity (55 km/h) it is F anyway
    assertThat(s.los()).isEqualTo(LevelOfService.F);
  }

  @Test
  void aMotorwaySlowerThanItsSpeedAtCapacityIsQueuedWhateverTheCountedFlow() {
    // the detector stands in a queue: it counts only what the bottleneck lets through, 900 veh/h
    SegmentObservations o = new SegmentObservations()
        .add(reading(T0, 15, 30.0, 0.45)).add(reading(T0 + 30_000, 0, null, 0.60));

    SegmentStats s = SegmentStatsCalculator.compute(MOTORWAY, T0, T1, o);

    assertThat(s.densityVehPerKmPerLane()).isCloseTo(10, within(1e-9)); // B by density
    assertThat(s.los()).isEqualTo(LevelOfService.F);
  }

  @Test
  void anEmptyRoadIsLevelAWithFreeFlowTravelTime() {
    SegmentStats s = SegmentStatsCalculator.compute(MOTORWAY, T0, T1, new SegmentObservations().add(reading(T0, 0, null, 0.0)));

    assertThat(s.flowVehPerHour()).isZero();
    assertThat(s.densityVehPerKmPerLane()).isZero();
    assertThat(s.avgSpeedKmh()).isNull();
    assertThat(s.los()).isEqualTo(LevelOfService.A);
    assertThat(s.travelTimeS()).isCloseTo(1000 / (110 / 3.6), within(1e-9));
  }

  @Test
  void stoppedProbesMakeTheSpeedZeroAndTheTravelTimeThatOfACrawl() {
    SegmentStats s = SegmentStatsCalculator.compute(STREET, T0, T1, new SegmentObservations().add(probe(0)).add(probe(0)));

    assertThat(s.avgSpeedKmh()).isZero();
    assertThat(s.travelTimeS()).isCloseTo(1000 / (SegmentObservations.MIN_SPEED_KMH / 3.6), within(1e-9));
    assertThat(s.los()).isEqualTo(LevelOfService.F);
  }

  @Test
  void aStoppedProbeAmongMovingOnesLowersTheSpeedByItsShareOnly() {
    SegmentObservations o = new SegmentObservations().add(probe(0));
    for (int i = 0; i < 9; i++) {
      o.add(probe(100));
    }

    assertThat(SegmentStatsCalculator.compute(STREET, T0, T1, o).avgSpeedKmh()).isCloseTo(90, within(1e-9));
  }

  @Test
  void mergingPartialSumsGivesTheSameStatsAsAddingInOneGo() {
    SegmentObservations all = new SegmentObservations().add(reading(T0, 12, 80.0, 0.1)).add(probe(70)).add(probe(60));
    SegmentObservations merged = new SegmentObservations().add(reading(T0, 12, 80.0, 0.1))
        .merge(new SegmentObservations().add(probe(70)).add(probe(60)));

    assertThat(SegmentStatsCalculator.compute(MOTORWAY, T0, T1, merged))
        .isEqualTo(SegmentStatsCalculator.compute(MOTORWAY, T0, T1, all));
  }
}
