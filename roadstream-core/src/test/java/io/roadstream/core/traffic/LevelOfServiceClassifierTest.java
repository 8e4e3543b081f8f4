package io.roadstream.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.event.LevelOfService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LevelOfServiceClassifierTest {

  /** HCM freeway thresholds are in pc/mi/ln; the classifier takes veh/km/ln (1 mi = 1.609344 km). */
  @ParameterizedTest
  @CsvSource({"0, A", "10.99, A", "11.01, B", "17.99, B", "25.99, C", "26.01, D", "34.99, D", "44.99, E", "45.01, F", "200, F"})
  void classifiesByDensityPerMile(double pcPerMilePerLane, LevelOfService expected) {
    assertThat(LevelOfServiceClassifier.fromDensity(pcPerMilePerLane / 1.609344)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"50, 50, A", "43, 50, A", "42.5, 50, B", "34, 50, B", "30, 50, C", "25, 50, D", "20, 50, E", "15, 50, F",
      "0, 50, F"})
  void classifiesStreetsBySpeedAgainstFreeFlow(double speed, double freeFlow, LevelOfService expected) {
    assertThat(LevelOfServiceClassifier.fromSpeedRatio(speed, freeFlow)).isEqualTo(expected);
  }

  /** Speed at capacity 55 km/h: slower traffic is queued, F whatever density the counted flow gives. */
  @ParameterizedTest
  @CsvSource({"5, 100, A", "5, 55, A", "5, 54.9, F", "5, 0, F", "30, 80, F", "20, , D"})
  void queuedTrafficIsFWhateverItsDensity(double densityVehPerKmLane, Double speedKmh, LevelOfService expected) {
    assertThat(LevelOfServiceClassifier.fromDensityAndSpeed(densityVehPerKmLane, speedKmh, 55)).isEqualTo(expected);
  }
}
