package io.roadstream.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IncidentCapacityTest {

  /** HCM 2010 Exhibit 10-17, as shares of the road's capacity (here 1000 veh/h per lane). */
  @ParameterizedTest
  @CsvSource({"3, 0, 3000", "3, 1, 1470", "3, 2, 510", "3, 3, 0", "2, 1, 700", "2, 2, 0", "4, 2, 1000", "1, 1, 0",
      "6, 2, 2400", "3, 5, 0"})
  void leavesTheHcmShareOfCapacity(int lanes, int blocked, double vehPerHour) {
    assertThat(IncidentCapacity.vehPerHour(lanes, blocked, 1000)).isCloseTo(vehPerHour, within(1e-9));
  }
}
