package io.roadstream.core.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.roadstream.core.detector.CaliforniaDetector.PairInterval;
import io.roadstream.core.detector.CaliforniaDetector.Step;
import io.roadstream.core.detector.CaliforniaState.Status;
import io.roadstream.core.event.DetectorIncident;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CaliforniaDetectorTest {

  private static final long T0 = Instant.parse("2026-11-27T07:30:00Z").toEpochMilli();
  private static final long INTERVAL = 30_000;
  private static final StationPair PAIR = new StationPair("D-U", "D-D", "S-U", "S-D");

  // With the default thresholds (T1 0.08, T2 0.5, T3 0.20):
  private static final double[] FREE = {0.10, 0.09};      // OCCDF 0.01
  private static final double[] INCIDENT = {0.40, 0.05};  // OCCDF 0.35, OCCRDF 0.875, DOCC 0.05
  private static final double[] BOTTLENECK = {0.40, 0.25}; // OCCDF 0.15, OCCRDF 0.375, DOCC 0.25

  private final CaliforniaDetector detector = new CaliforniaDetector();

  private static PairInterval at(int k, Double up, Double down) {
    return new PairInterval(T0 + k * INTERVAL, T0 + (k + 1) * INTERVAL, up, down);
  }

  private static PairInterval at(int k, double[] occ) {
    return at(k, occ[0], occ[1]);
  }

  private Step run(CaliforniaState state, PairInterval interval) {
    return detector.next(state, PAIR, interval);
  }

  @Test
  void freeFlowStaysIncidentFree() {
    Step s = run(CaliforniaState.initial(), at(0, FREE));

    assertThat(s.state().status()).isEqualTo(Status.INCIDENT_FREE);
    assertThat(s.state().lastIntervalStart()).isEqualTo(T0);
    assertThat(s.incident()).isEmpty();
  }

  @Test
  void detectsThenConfirmsThenClears() {
    Step detected = run(CaliforniaState.initial(), at(0, INCIDENT));
    Step confirmed = run(detected.state(), at(1, INCIDENT));
    Step continuing = run(confirmed.state(), at(2, 0.60, 0.25)); // DOCC now above T3, OCCRDF 0.58 still ≥ T2
    Step cleared = run(continuing.state(), at(3, FREE));

    assertThat(detected.state().status()).isEqualTo(Status.TENTATIVE);
    DetectorIncident d = detected.incident().orElseThrow();
    assertThat(d.type()).isEqualTo(DetectorIncident.Type.DETECTED);
    assertThat(d.incidentId()).isEqualTo("D-U>D-D@" + T0);
    assertThat(d.upstreamDetectorId()).isEqualTo("D-U");
    assertThat(d.downstreamSegmentId()).isEqualTo("S-D");
    assertThat(d.upstreamOccupancy()).isEqualTo(0.40);
    assertThat(d.downstreamOccupancy()).isEqualTo(0.05);
    assertThat(d.occupancyDifference()).isCloseTo(0.35, within(1e-12));
    assertThat(d.relativeOccupancyDifference()).isCloseTo(0.875, within(1e-12));
    assertThat(d.intervalStart()).isEqualTo(T0);
    assertThat(d.intervalEnd()).isEqualTo(T0 + INTERVAL);

    assertThat(confirmed.state().status()).isEqualTo(Status.CONFIRMED);
    assertThat(confirmed.incident().orElseThrow().type()).isEqualTo(DetectorIncident.Type.CONFIRMED);
    assertThat(confirmed.incident().orElseThrow().incidentId()).isEqualTo(d.incidentId());
    assertThat(confirmed.incident().orElseThrow().intervalStart()).isEqualTo(T0 + INTERVAL);

    assertThat(continuing.state().status()).isEqualTo(Status.CONFIRMED);
    assertThat(continuing.incident()).isEmpty();

    assertThat(cleared.state()).isEqualTo(new CaliforniaState(Status.INCIDENT_FREE, T0 + 3 * INTERVAL,
        CaliforniaState.NONE));
    DetectorIncident c = cleared.incident().orElseThrow();
    assertThat(c.type()).isEqualTo(DetectorIncident.Type.CLEARED);
    assertThat(c.incidentId()).isEqualTo(d.incidentId());
    assertThat(c.detectedAt()).isEqualTo(T0);
    assertThat(c.intervalStart()).isEqualTo(T0 + 3 * INTERVAL);
  }

  @Test
  void aDetectionNotConfirmedOnTheNextIntervalIsCleared() {
    Step detected = run(CaliforniaState.initial(), at(0, INCIDENT));
    Step next = run(detected.state(), at(1, FREE));

    assertThat(next.state().status()).isEqualTo(Status.INCIDENT_FREE);
    assertThat(next.incident().orElseThrow().type()).isEqualTo(DetectorIncident.Type.CLEARED);
  }

  @Test
  void aCongestedDownstreamStationIsABottleneckNotAnIncident() {
    // Large absolute difference, but the downstream station is congested too (DOCC ≥ T3).
    Step s = run(CaliforniaState.initial(), at(0, 0.60, 0.25));

    assertThat(s.state().status()).isEqualTo(Status.INCIDENT_FREE);
    assertThat(s.incident()).isEmpty();
    assertThat(run(CaliforniaState.initial(), at(0, BOTTLENECK)).incident()).isEmpty();
  }

  @Test
  void eachTestIsNeeded() {
    // OCCDF below T1 although relatively large: a light road.
    assertThat(run(CaliforniaState.initial(), at(0, 0.06, 0.01)).incident()).isEmpty();
    // OCCDF above T1 but OCCRDF below T2: both stations busy.
    assertThat(run(CaliforniaState.initial(), at(0, 0.19, 0.10)).incident()).isEmpty();
  }

  @Test
  void missingOccupancyDecidesNothingAndKeepsTheState() {
    Step detected = run(CaliforniaState.initial(), at(0, INCIDENT));

    for (PairInterval gap : new PairInterval[] {at(1, null, 0.05), at(1, 0.40, null), at(1, Double.NaN, 0.05),
        at(1, 1.5, 0.05), at(1, 0.40, -0.1)}) {
      Step s = run(detected.state(), gap);
      assertThat(s.state()).as("%s", gap).isEqualTo(detected.state());
      assertThat(s.incident()).as("%s", gap).isEmpty();
    }
    // The next interval with data confirms.
    assertThat(run(detected.state(), at(2, INCIDENT)).incident().orElseThrow().type())
        .isEqualTo(DetectorIncident.Type.CONFIRMED);
  }

  @Test
  void anEmptyUpstreamStationIsNoIncidentAndClearsOne() {
    Step empty = run(CaliforniaState.initial(), at(0, 0.0, 0.0));
    assertThat(empty.incident()).isEmpty();
    assertThat(empty.state().status()).isEqualTo(Status.INCIDENT_FREE);

    CaliforniaState confirmed = new CaliforniaState(Status.CONFIRMED, T0, T0);
    Step cleared = run(confirmed, at(1, 0.0, 0.03));
    assertThat(cleared.incident().orElseThrow().type()).isEqualTo(DetectorIncident.Type.CLEARED);
    assertThat(cleared.incident().orElseThrow().relativeOccupancyDifference()).isZero();
  }

  @Test
  void aConfirmedIncidentContinuesWhileTheRelativeDifferenceHolds() {
    CaliforniaState confirmed = new CaliforniaState(Status.CONFIRMED, T0, T0);

    // OCCDF 0.06 is below T1, but OCCRDF 0.6 ≥ T2: the queue has shrunk, the blockage stays.
    Step s = run(confirmed, at(1, 0.10, 0.04));

    assertThat(s.state()).isEqualTo(new CaliforniaState(Status.CONFIRMED, T0 + INTERVAL, T0));
    assertThat(s.incident()).isEmpty();
  }

  @Test
  void anIntervalNotAfterTheLastDecidedOneIsIgnored() {
    Step detected = run(CaliforniaState.initial(), at(5, INCIDENT));

    Step same = run(detected.state(), at(5, INCIDENT));
    Step earlier = run(detected.state(), at(3, INCIDENT));

    assertThat(same.state()).isEqualTo(detected.state());
    assertThat(same.incident()).isEmpty();
    assertThat(earlier.state()).isEqualTo(detected.state());
    assertThat(earlier.incident()).isEmpty();
  }

  @Test
  void aDownstreamStationFedNearCapacityIsAQueueDischargingNotAnIncident() {
    // the occupancies of an incident, but D carries 84 % of its road's capacity: the head of a discharging queue
    PairInterval discharging = new PairInterval(T0, T0 + INTERVAL, INCIDENT[0], INCIDENT[1], 0.84);
    PairInterval starved = new PairInterval(T0, T0 + INTERVAL, INCIDENT[0], INCIDENT[1], 0.13);

    assertThat(run(CaliforniaState.initial(), discharging).incident()).isEmpty();
    assertThat(run(CaliforniaState.initial(), starved).incident()).isPresent();
  }

  @Test
  void aConfirmedIncidentClearsWhenTheDownstreamStationIsFedNearCapacityAgain() {
    Step confirmed = run(run(CaliforniaState.initial(), at(0, INCIDENT)).state(), at(1, INCIDENT));
    // the lanes reopen: the queue still stands at U, but D now passes 84 % of capacity
    Step reopened = run(confirmed.state(), new PairInterval(T0 + 2 * INTERVAL, T0 + 3 * INTERVAL, 0.70, 0.15, 0.84));

    assertThat(reopened.state().status()).isEqualTo(Status.INCIDENT_FREE);
    assertThat(reopened.incident()).hasValueSatisfying(i ->
        assertThat(i.type()).isEqualTo(DetectorIncident.Type.CLEARED));
  }

  @Test
  void thresholdsAreConfigurable() {
    CaliforniaDetector lenient = new CaliforniaDetector(new CaliforniaThresholds(0.02, 0.1, 0.5, 0.75));

    assertThat(lenient.next(CaliforniaState.initial(), PAIR, at(0, BOTTLENECK)).incident()).isPresent();
  }

  @Test
  void thresholdsMustBeFractionalOccupancies() {
    assertThatThrownBy(() -> new CaliforniaThresholds(8, 0.5, 0.2, 0.75)).hasMessageContaining("T1")
        .hasMessageContaining("fractional occupancy");
    assertThatThrownBy(() -> new CaliforniaThresholds(0.08, 0, 0.2, 0.75)).hasMessageContaining("T2");
    assertThatThrownBy(() -> new CaliforniaThresholds(0.08, 0.5, Double.NaN, 0.75)).hasMessageContaining("T3");
    assertThatThrownBy(() -> new CaliforniaThresholds(0.08, 0.5, 0.2, 0)).hasMessageContaining("T4");
    assertThat(CaliforniaThresholds.DEFAULT).isEqualTo(new CaliforniaThresholds(0.08, 0.5, 0.20, 0.75));
  }
}
