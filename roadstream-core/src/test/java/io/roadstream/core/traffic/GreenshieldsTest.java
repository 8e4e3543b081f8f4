package io.roadstream.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GreenshieldsTest {

  private final Greenshields motorway = Greenshields.forCapacity(110, 2200);

  @Test
  void derivesJamDensityFromCapacity() {
    assertThat(motorway.jamDensityVehPerKmLane()).isCloseTo(80, within(1e-9));
    assertThat(motorway.capacityVehPerHourPerLane()).isCloseTo(2200, within(1e-9));
    assertThat(motorway.criticalDensityVehPerKmLane()).isCloseTo(40, within(1e-9));
  }

  @Test
  void speedFallsLinearlyFromFreeFlowToStandstill() {
    assertThat(motorway.speedKmh(0)).isEqualTo(110);
    assertThat(motorway.speedKmh(40)).isCloseTo(55, within(1e-9));
    assertThat(motorway.speedKmh(80)).isEqualTo(0);
  }

  @Test
  void densitiesOutsideTheRangeAreClamped() {
    assertThat(motorway.speedKmh(200)).isEqualTo(0);
    assertThat(motorway.speedKmh(-3)).isEqualTo(110);
    assertThat(motorway.speedKmh(Double.NaN)).isEqualTo(110);
  }

  @Test
  void flowPeaksAtCapacityAtCriticalDensity() {
    assertThat(motorway.flowVehPerHourPerLane(40)).isCloseTo(2200, within(1e-9));
    assertThat(motorway.flowVehPerHourPerLane(20)).isLessThan(2200);
    assertThat(motorway.flowVehPerHourPerLane(60)).isLessThan(2200);
    assertThat(motorway.flowVehPerHourPerLane(80)).isZero();
    assertThat(motorway.flowVehPerHourPerLane(0)).isZero();
  }

  @Test
  void capacityIsCarriedAtHalfTheFreeFlowSpeed() {
    assertThat(motorway.speedAtCapacityKmh()).isEqualTo(55);
    assertThat(motorway.speedKmh(motorway.criticalDensityVehPerKmLane())).isCloseTo(55, within(1e-9));
  }

  @Test
  void rejectsNonPositiveParameters() {
    assertThatThrownBy(() -> new Greenshields(0, 80)).hasMessageContaining("freeFlowKmh");
    assertThatThrownBy(() -> new Greenshields(100, Double.NaN)).hasMessageContaining("jamDensityVehPerKmLane");
    assertThatThrownBy(() -> Greenshields.forCapacity(100, 0)).hasMessageContaining("capacityVehPerHourPerLane");
  }
}
