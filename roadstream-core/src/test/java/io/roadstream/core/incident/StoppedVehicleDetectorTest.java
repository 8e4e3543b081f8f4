package io.roadstream.core.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoppedVehicleDetectorTest {

  private final StoppedVehicleDetector<String> detector =
      new StoppedVehicleDetector<>(StoppedVehicleDetector.LINEAR_ROAD_REPORTS_TO_STOP);

  private StopTransition<String> feed(String... positions) {
    StopTransition<String> t = null;
    for (String p : positions) {
      t = detector.next(t == null ? null : t.state(), p);
    }
    return t;
  }

  @Test
  void firstReportIsNotStoppedAndResumesNothing() {
    StopTransition<String> t = detector.next(null, "a");

    assertThat(t.state()).isEqualTo(new StopState<>("a", 1));
    assertThat(t.becameStopped()).isFalse();
    assertThat(t.resumed()).isFalse();
  }

  @Test
  void stopsAtTheFourthConsecutiveReportAtTheSamePositionNotTheThird() {
    assertThat(feed("a", "a", "a").becameStopped()).isFalse();
    assertThat(detector.isStopped(feed("a", "a", "a").state())).isFalse();

    StopTransition<String> fourth = feed("a", "a", "a", "a");
    assertThat(fourth.becameStopped()).isTrue();
    assertThat(fourth.stoppedAt()).isEqualTo("a");
    assertThat(detector.isStopped(fourth.state())).isTrue();
  }

  @Test
  void reportsStopOnlyOnceHoweverLongItStaysAndTheStateDoesNotGrow() {
    StopTransition<String> fifth = feed("a", "a", "a", "a", "a");
    StopTransition<String> sixth = detector.next(fifth.state(), "a");

    assertThat(fifth.becameStopped()).isFalse();
    assertThat(sixth.becameStopped()).isFalse();
    assertThat(detector.isStopped(sixth.state())).isTrue();
    assertThat(sixth.state().consecutiveReports()).isEqualTo(4);
  }

  @Test
  void aDifferentPositionRestartsTheCount() {
    StopTransition<String> t = feed("a", "a", "a", "b", "b", "b");

    assertThat(t.becameStopped()).isFalse();
    assertThat(t.state()).isEqualTo(new StopState<>("b", 3));
    assertThat(t.resumed()).isFalse();
  }

  @Test
  void aStoppedVehicleThatMovesResumesFromWhereItStopped() {
    StopTransition<String> t = feed("a", "a", "a", "a", "b");

    assertThat(t.resumedFrom()).isEqualTo("a");
    assertThat(detector.isStopped(t.state())).isFalse();
    assertThat(t.state()).isEqualTo(new StopState<>("b", 1));
  }

  @Test
  void positionKeysAreTheCallersEquality() {
    // A probe key: the offset rounded to 10 m, so GPS jitter of a parked car still counts as the same place.
    record Rounded(String segment, long tensOfMetres) {}
    StoppedVehicleDetector<Rounded> probes = new StoppedVehicleDetector<>(3);
    StopTransition<Rounded> t = null;
    for (double offset : new double[] {101.0, 103.9, 99.6}) {
      t = probes.next(t == null ? null : t.state(), new Rounded("S1", Math.round(offset / 10)));
    }

    assertThat(t.becameStopped()).isTrue();
  }

  @Test
  void rejectsAThresholdThatCannotTellStoppedFromMoving() {
    assertThatThrownBy(() -> new StoppedVehicleDetector<String>(1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reportsToStop");
  }
}
