package io.roadstream.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.RoadNetworkLoader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * One car broken down on the hard shoulder through the morning peak (test scenario {@code lone-breakdown}): it is a
 * stopped vehicle, and one stopped vehicle is not an accident — no incident, no alert to anyone.
 */
class LoneBreakdownTest {

  private static final RoadNetwork NETWORK = new RoadNetworkLoader().load("metroville");

  @Test
  void aSingleStoppedVehicleRaisesNoIncidentAndNoAlert() {
    ScenarioIncidents.Result morning = ScenarioIncidents.run(NETWORK, "lone-breakdown", 11,
        Instant.parse("2026-11-26T06:45:00Z"), Instant.parse("2026-11-26T08:00:00Z"), 2000);

    assertThat(morning.stoppedVehicles()).as("the broken-down car is seen standing").isEqualTo(1);
    assertThat(morning.incidents()).isEmpty();
    assertThat(morning.alerts()).isEmpty();
  }
}
