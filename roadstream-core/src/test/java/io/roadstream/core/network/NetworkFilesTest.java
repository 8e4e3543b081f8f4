package io.roadstream.core.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.roadstream.core.detector.StationPair;
import io.roadstream.core.detector.StationPairs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The networks bundled for `roadstream replay` of the real data sets hold what the file readers need. */
class NetworkFilesTest {

  private static final double MILE_M = 1609.344;
  private final RoadNetworkLoader loader = new RoadNetworkLoader();

  @Test
  void us101HasThePemsStationsInFlowOrderAsOneMainline() {
    RoadNetwork network = loader.load("us101-n-pems");
    List<String> order = List.of("401834", "401833", "404532", "404531");
    List<Integer> lanes = List.of(4, 5, 5, 5);
    List<Double> miles = List.of(0.225, 0.445, 0.37, 0.215);

    for (int i = 0; i < order.size(); i++) {
      Detector detector = network.detector(order.get(i)).orElseThrow();
      Segment segment = network.requireSegment(detector.segmentId());
      assertThat(segment.roadClass()).isEqualTo(RoadClass.MOTORWAY);
      assertThat(segment.name()).isEqualTo("US-101 N");
      assertThat(segment.lanes()).as(segment.id()).isEqualTo(lanes.get(i));
      assertThat(segment.lengthM()).as(segment.id()).isCloseTo(miles.get(i) * MILE_M, within(0.1));
      assertThat(segment.geometry().get(0).distanceTo(segment.geometry().get(1))).isCloseTo(segment.lengthM(),
          within(1.0));
      if (i + 1 < order.size()) {
        assertThat(segment.downstream()).containsExactly(network.detector(order.get(i + 1)).orElseThrow().segmentId());
      }
    }
    assertThat(StationPairs.of(network)).extracting(StationPair::upstreamDetectorId, StationPair::downstreamDetectorId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("401834", "401833"),
            org.assertj.core.groups.Tuple.tuple("401833", "404532"),
            org.assertj.core.groups.Tuple.tuple("404532", "404531"));
  }

  @Test
  void peachtreeHasBothDirectionsOfEverySectionChainedInTravelOrder() {
    RoadNetwork network = loader.load("ngsim-peachtree");

    for (int section = 1; section <= 6; section++) {
      Segment north = network.requireSegment("PT-N-" + section);
      Segment south = network.requireSegment("PT-S-" + section);
      for (Segment s : List.of(north, south)) {
        assertThat(s.roadClass()).isEqualTo(RoadClass.ARTERIAL);
        assertThat(s.lengthM()).as(s.id()).isBetween(50.0, 250.0);
      }
      assertThat(north.headingAt(0)).as("northbound heading").satisfiesAnyOf(
          h -> assertThat(h).isLessThan(20), h -> assertThat(h).isGreaterThan(340));
      assertThat(south.headingAt(0)).as("southbound heading").isBetween(160.0, 200.0);
      if (section < 6) {
        assertThat(north.downstream()).containsExactly("PT-N-" + (section + 1));
        // a segment ends where the next begins: one continuous line per direction
        assertThat(north.geometry().get(1).distanceTo(network.requireSegment("PT-N-" + (section + 1)).geometry()
            .get(0))).isLessThan(0.5);
      }
      if (section > 1) {
        assertThat(south.downstream()).containsExactly("PT-S-" + (section - 1));
      }
    }
  }

  @Test
  void peachtreeSectionOneEndsAtTenthStreetWhereTheNgsimSampleIs() {
    // Peachtree St & 10th St, Atlanta, is at about 33.7815 N, 84.3841 W; the two carriageways lie metres apart
    Segment approach = loader.load("ngsim-peachtree").requireSegment("PT-N-1");
    LonLat stopLine = approach.geometry().get(approach.geometry().size() - 1);

    assertThat(stopLine.distanceTo(new LonLat(-84.3841, 33.7815))).isLessThan(50);
  }
}
