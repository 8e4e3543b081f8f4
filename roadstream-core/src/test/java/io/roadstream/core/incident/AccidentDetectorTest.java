package io.roadstream.core.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccidentDetectorTest {

  private final AccidentDetector<Integer> detector = new AccidentDetector<>();

  @Test
  void aSingleStoppedVehicleIsNeverAnAccident() {
    AccidentUpdate<Integer> u = detector.stopped(null, 7);

    assertThat(u.change()).isEqualTo(AccidentUpdate.Change.NONE);
    assertThat(u.state()).isEqualTo(new StoppedVehicles<>(List.of(7), false));
  }

  @Test
  void theSameVehicleStoppedTwiceCountsOnce() {
    AccidentUpdate<Integer> u = detector.stopped(detector.stopped(null, 7).state(), 7);

    assertThat(u.detected()).isFalse();
    assertThat(u.state().vehicles()).containsExactly(7);
    assertThat(u.state().accident()).isFalse();
  }

  @Test
  void twoDistinctStoppedVehiclesMakeAnAccidentOnce() {
    AccidentUpdate<Integer> two = detector.stopped(detector.stopped(null, 7).state(), 8);
    AccidentUpdate<Integer> three = detector.stopped(two.state(), 9);

    assertThat(two.detected()).isTrue();
    assertThat(two.state()).isEqualTo(new StoppedVehicles<>(List.of(7, 8), true));
    assertThat(three.change()).isEqualTo(AccidentUpdate.Change.NONE);
    assertThat(three.state().accident()).isTrue();
  }

  @Test
  void clearsWhenFewerThanTwoRemainStopped() {
    StoppedVehicles<Integer> three = detector.stopped(detector.stopped(detector.stopped(null, 7).state(), 8).state(), 9)
        .state();

    AccidentUpdate<Integer> twoLeft = detector.resumed(three, 8);
    AccidentUpdate<Integer> oneLeft = detector.resumed(twoLeft.state(), 7);
    AccidentUpdate<Integer> noneLeft = detector.resumed(oneLeft.state(), 9);

    assertThat(twoLeft.change()).isEqualTo(AccidentUpdate.Change.NONE);
    assertThat(twoLeft.state().accident()).isTrue();
    assertThat(oneLeft.cleared()).isTrue();
    assertThat(oneLeft.state()).isEqualTo(new StoppedVehicles<>(List.of(9), false));
    assertThat(noneLeft.change()).isEqualTo(AccidentUpdate.Change.NONE);
    assertThat(noneLeft.state()).as("an empty position keeps no state").isNull();
  }

  @Test
  void aStoppedVehicleLeavingAloneClearsNothing() {
    AccidentUpdate<Integer> u = detector.resumed(detector.stopped(null, 7).state(), 7);

    assertThat(u.change()).isEqualTo(AccidentUpdate.Change.NONE);
    assertThat(u.state()).isNull();
  }

  @Test
  void aVehicleNotStoppedThereChangesNothing() {
    StoppedVehicles<Integer> accident = detector.stopped(detector.stopped(null, 7).state(), 8).state();

    assertThat(detector.resumed(accident, 99).state()).isSameAs(accident);
    assertThat(detector.resumed(null, 99).state()).isNull();
  }

  @Test
  void aNewAccidentCanFormWhereOneCleared() {
    StoppedVehicles<Integer> cleared = detector.resumed(detector.stopped(detector.stopped(null, 7).state(), 8).state(),
        8).state();

    assertThat(detector.stopped(cleared, 10).detected()).isTrue();
  }
}
