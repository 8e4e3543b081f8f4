package io.roadstream.core.linearroad;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinearRoadTest {

  @Test
  void minutesAreNumberedFromOne() {
    assertThat(LinearRoad.minuteOf(0)).isEqualTo(1);
    assertThat(LinearRoad.minuteOf(59)).isEqualTo(1);
    assertThat(LinearRoad.minuteOf(60)).isEqualTo(2);
  }

  @Test
  void tollStartsAboveFiftyCars() {
    assertThat(LinearRoad.congestionToll(0)).isZero();
    assertThat(LinearRoad.congestionToll(50)).isZero();
    assertThat(LinearRoad.congestionToll(51)).isEqualTo(2);
    assertThat(LinearRoad.congestionToll(60)).isEqualTo(200);
  }

  @Test
  void lavRoundsHalfUpAndIsZeroWithoutReadings() {
    assertThat(LinearRoad.lav(79, 2)).isEqualTo(40);   // 39.5
    assertThat(LinearRoad.lav(118, 3)).isEqualTo(39);  // 39.33
    assertThat(LinearRoad.lav(80, 2)).isEqualTo(40);
    assertThat(LinearRoad.lav(0, 0)).isZero();
  }

  @Test
  void downstreamIsUpTheSegmentsEastboundAndDownWestbound() {
    assertThat(LinearRoad.downstreamSegment(20, 0, 4)).isEqualTo(24);
    assertThat(LinearRoad.downstreamSegment(20, 1, 4)).isEqualTo(16);
  }
}
