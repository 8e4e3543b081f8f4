package io.roadstream.core.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roadstream.core.network.Intersection;
import io.roadstream.core.network.LonLat;
import io.roadstream.core.network.RoadClass;
import io.roadstream.core.network.RoadNetwork;
import io.roadstream.core.network.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseGroupingTest {

  @Test
  void headingsWithin45DegreesOfNorthOrSouthAreNorthSouth() {
    assertThat(PhaseGrouping.isNorthSouth(0)).isTrue();
    assertThat(PhaseGrouping.isNorthSouth(30)).isTrue();
    assertThat(PhaseGrouping.isNorthSouth(45)).isTrue();
    assertThat(PhaseGrouping.isNorthSouth(46)).isFalse();
    assertThat(PhaseGrouping.isNorthSouth(90)).isFalse();
    assertThat(PhaseGrouping.isNorthSouth(135)).isTrue();
    assertThat(PhaseGrouping.isNorthSouth(200)).isTrue();
    assertThat(PhaseGrouping.isNorthSouth(260)).isFalse();
    assertThat(PhaseGrouping.isNorthSouth(315)).isTrue();
    assertThat(PhaseGrouping.isNorthSouth(359)).isTrue();
  }

  @Test
  void usesTheHeadingWhereTheApproachEntersTheJunction() {
    // Starts eastbound, bends to arrive northbound: it moves with the north-south phase.
    Segment bend = new Segment("BEND", "bend", RoadClass.ARTERIAL, 1, 300, 50, 900,
        List.of(new LonLat(3.99, 51.99), new LonLat(4.0, 51.99), new LonLat(4.0, 52.0)), List.of(), List.of());
    Segment east = new Segment("E", "e", RoadClass.ARTERIAL, 1, 300, 50, 900,
        List.of(new LonLat(4.01, 52.0), new LonLat(4.0, 52.0)), List.of(), List.of());
    Intersection ix = new Intersection("I", "I", new LonLat(4.0, 52.0), List.of("E", "BEND"), 8);
    RoadNetwork network = new RoadNetwork("t", List.of(bend, east), List.of(), List.of(ix));

    assertThat(PhaseGrouping.byHeading(ix, network)).containsExactly(List.of("BEND"), List.of("E"));
  }

  @Test
  void aJunctionWhoseApproachesAllRunOneWayHasOnePhase() {
    Segment a = new Segment("A", "a", RoadClass.ARTERIAL, 1, 300, 50, 900,
        List.of(new LonLat(4.0, 51.99), new LonLat(4.0, 52.0)), List.of(), List.of());
    Intersection ix = new Intersection("I", "I", new LonLat(4.0, 52.0), List.of("A"), 8);

    assertThat(PhaseGrouping.byHeading(ix, new RoadNetwork("t", List.of(a), List.of(), List.of(ix))))
        .containsExactly(List.of("A"));
  }

  @Test
  void anApproachMissingFromTheNetworkIsAnError() {
    Intersection ix = new Intersection("I", "I", new LonLat(4.0, 52.0), List.of("GHOST"), 8);

    assertThatThrownBy(() -> PhaseGrouping.byHeading(ix, new RoadNetwork("t", List.of(), List.of(), List.of(ix))))
        .hasMessageContaining("GHOST");
  }
}
